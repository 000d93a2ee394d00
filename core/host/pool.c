/* SPDX-License-Identifier: Apache-2.0 */
/* Small blocks carved from chunks, kept on a free list per size class once
 * given back (see host.h). */
#include "host.h"

#include <stddef.h>
#include <stdlib.h>

/* The size of a chunk: a launch uses a few hundred KiB of small blocks. */
#define CHUNK_SIZE (64 * 1024)

/* Where a chunk's blocks begin: after the link to the previous chunk, at
 * the alignment of the blocks. */
#define CHUNK_HEADER ACRN_POOL_GRAIN

_Static_assert(ACRN_POOL_GRAIN % _Alignof(max_align_t) == 0, "blocks are aligned as malloc's");
_Static_assert(ACRN_POOL_GRAIN >= sizeof(void *), "a free block holds a link");

static size_t class_of(size_t size)
{
	return (size - 1) / ACRN_POOL_GRAIN;
}

void *acrn_pool_get(struct acrn_pool *pool, size_t size)
{
	size_t class = class_of(size);
	void *block = pool->free[class];
	if (block) {
		pool->free[class] = *(void **)block;
		return block;
	}
	size_t rounded = (class + 1) * ACRN_POOL_GRAIN;
	if ((size_t)(pool->end - pool->next) < rounded) {
		/* what is left of the old chunk is too small to matter */
		char *chunk = malloc(CHUNK_SIZE);
		if (!chunk)
			return NULL;
		*(void **)chunk = pool->chunks;
		pool->chunks = chunk;
		pool->next = chunk + CHUNK_HEADER;
		pool->end = chunk + CHUNK_SIZE;
	}
	block = pool->next;
	pool->next += rounded;
	return block;
}

void acrn_pool_put(struct acrn_pool *pool, void *block, size_t size)
{
	size_t class = class_of(size);
	*(void **)block = pool->free[class];
	pool->free[class] = block;
}

void acrn_pool_release(struct acrn_pool *pool)
{
	void *chunk = pool->chunks;
	while (chunk) {
		void *previous = *(void **)chunk;
		free(chunk);
		chunk = previous;
	}
	*pool = (struct acrn_pool){0};
}
