/* SPDX-License-Identifier: Apache-2.0 */
/* A memory budget for an allocator: counts what is in use and refuses to
 * grow past a limit, so that a recipe cannot allocate without end.  Small
 * blocks come from the budget's pool, except under AddressSanitizer, which
 * then sees every block on its own. */
#include "host.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define POOL_MAX 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_MAX 0
#endif
#endif
#ifndef POOL_MAX
#define POOL_MAX ACRN_POOL_MAX
#endif

/* Gives back `block` of `size` bytes (not NULL). */
static void give_back(struct acrn_budget *budget, void *block, size_t size)
{
	if (size <= POOL_MAX)
		acrn_pool_put(&budget->pool, block, size);
	else
		free(block);
}

/* A new block of `size` bytes that holds what fits of the `old` bytes of
 * `block` (then given back; NULL: nothing to hold), or NULL with `block`
 * untouched. */
static void *move(struct acrn_budget *budget, void *block, size_t old, size_t size)
{
	void *moved;
	if (size <= POOL_MAX)
		moved = acrn_pool_get(&budget->pool, size);
	else if (old > POOL_MAX || !block)
		return realloc(block, size); /* malloc's block to malloc's block */
	else
		moved = malloc(size);
	if (!moved)
		return NULL;
	if (block) {
		memcpy(moved, block, old < size ? old : size);
		give_back(budget, block, old);
	}
	return moved;
}

void *acrn_budget_alloc(void *budget_ptr, void *block, size_t old_size, size_t new_size)
{
	struct acrn_budget *budget = budget_ptr;
	size_t old = block ? old_size : 0;
	if (new_size == 0) {
		if (block)
			give_back(budget, block, old);
		budget->used -= old;
		return NULL;
	}
	if (budget->limit && new_size > old && budget->used + (new_size - old) > budget->limit) {
		budget->refused++;
		return NULL;
	}
	void *grown = block;
	/* a pool block stays where it is within its size class */
	if (!block || old > POOL_MAX || new_size > POOL_MAX ||
	    (old - 1) / ACRN_POOL_GRAIN != (new_size - 1) / ACRN_POOL_GRAIN)
		grown = move(budget, block, old, new_size);
	if (!grown)
		return NULL;
	budget->used = budget->used - old + new_size;
	return grown;
}

void acrn_budget_release(struct acrn_budget *budget)
{
	acrn_pool_release(&budget->pool);
}
