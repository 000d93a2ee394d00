/* SPDX-License-Identifier: Apache-2.0 */
/* A memory budget for an allocator: counts what is in use and refuses to
 * grow past a limit, so that a recipe cannot allocate without end. */
#include "host.h"

#include <stdlib.h>

void *acrn_budget_alloc(void *budget_ptr, void *block, size_t old_size, size_t new_size)
{
	struct acrn_budget *budget = budget_ptr;
	size_t old = block ? old_size : 0;
	if (new_size == 0) {
		free(block);
		budget->used -= old;
		return NULL;
	}
	if (budget->limit && new_size > old && budget->used + (new_size - old) > budget->limit) {
		budget->refused++;
		return NULL;
	}
	void *grown = realloc(block, new_size);
	if (!grown)
		return NULL;
	budget->used = budget->used - old + new_size;
	return grown;
}
