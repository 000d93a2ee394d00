/* SPDX-License-Identifier: Apache-2.0 */
/* acrn_budget_alloc: counts what is in use, refuses growth past the limit,
 * keeps blocks whole from the pool to malloc and back; the pool itself. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "host.h"

/* Allocating, growing, shrinking and freeing keep `used` exact. */
static void counts_what_is_in_use(void **state)
{
	(void)state;
	struct acrn_budget budget = {0};
	char *block = acrn_budget_alloc(&budget, NULL, 0, 100);
	assert_non_null(block);
	assert_int_equal(budget.used, 100);
	memset(block, 'x', 100);
	block = acrn_budget_alloc(&budget, block, 100, 300);
	assert_non_null(block);
	assert_int_equal(budget.used, 300);
	assert_int_equal(block[99], 'x');
	block = acrn_budget_alloc(&budget, block, 300, 50);
	assert_int_equal(budget.used, 50);
	assert_null(acrn_budget_alloc(&budget, block, 50, 0));
	assert_int_equal(budget.used, 0);
	acrn_budget_release(&budget);
}

/* Past the limit, growth is refused and the block stays valid; shrinking
 * and freeing still work. */
static void refuses_growth_past_the_limit(void **state)
{
	(void)state;
	struct acrn_budget budget = {.limit = 1000};
	char *block = acrn_budget_alloc(&budget, NULL, 0, 900);
	assert_non_null(block);
	assert_null(acrn_budget_alloc(&budget, NULL, 0, 200));
	assert_int_equal(budget.refused, 1);
	assert_null(acrn_budget_alloc(&budget, block, 900, 1001));
	assert_int_equal(budget.refused, 2);
	assert_int_equal(budget.used, 900);
	block = acrn_budget_alloc(&budget, block, 900, 100);
	assert_non_null(block);
	assert_int_equal(budget.used, 100);
	char *other = acrn_budget_alloc(&budget, NULL, 0, 900);
	assert_non_null(other);
	acrn_budget_alloc(&budget, other, 900, 0);
	acrn_budget_alloc(&budget, block, 100, 0);
	assert_int_equal(budget.used, 0);
	acrn_budget_release(&budget);
}

/* Freeing NULL (Lua does) changes nothing. */
static void freeing_nothing(void **state)
{
	(void)state;
	struct acrn_budget budget = {.used = 7};
	assert_null(acrn_budget_alloc(&budget, NULL, 42, 0));
	assert_int_equal(budget.used, 7);
}

/* Blocks moved between the pool and malloc (growing past ACRN_POOL_MAX,
 * shrinking below it, within a class and across classes) keep their
 * bytes; `used` stays exact. */
static void keeps_bytes_across_sizes(void **state)
{
	(void)state;
	struct acrn_budget budget = {0};
	static const size_t sizes[] = {1, 16, 17, 40, 255, 256, 257, 4000, 100, 3, 0};
	unsigned char *block = NULL;
	size_t old = 0;
	for (size_t i = 0; sizes[i]; i++) {
		block = acrn_budget_alloc(&budget, block, old, sizes[i]);
		assert_non_null(block);
		assert_int_equal(budget.used, sizes[i]);
		for (size_t k = 0; k < old && k < sizes[i]; k++)
			assert_int_equal(block[k], (unsigned char)(k * 7 + old));
		for (size_t k = 0; k < sizes[i]; k++)
			block[k] = (unsigned char)(k * 7 + sizes[i]);
		old = sizes[i];
	}
	assert_null(acrn_budget_alloc(&budget, block, old, 0));
	assert_int_equal(budget.used, 0);
	acrn_budget_release(&budget);
}

/* The pool's blocks are aligned as malloc's, do not overlap, and a block
 * given back is given out again for its class. */
static void pool_blocks(void **state)
{
	(void)state;
	struct acrn_pool pool = {0};
	unsigned char *blocks[600];
	for (size_t i = 0; i < 600; i++) { /* more than one chunk */
		size_t size = 1 + i % ACRN_POOL_MAX;
		blocks[i] = acrn_pool_get(&pool, size);
		assert_non_null(blocks[i]);
		assert_int_equal((uintptr_t)blocks[i] % _Alignof(max_align_t), 0);
		memset(blocks[i], (int)(i & 0xff), size);
	}
	for (size_t i = 0; i < 600; i++)
		for (size_t k = 0; k < 1 + i % ACRN_POOL_MAX; k++)
			assert_int_equal(blocks[i][k], i & 0xff);
	acrn_pool_put(&pool, blocks[5], 6);
	assert_ptr_equal(acrn_pool_get(&pool, 1), blocks[5]);
	acrn_pool_put(&pool, blocks[40], 41);
	assert_ptr_not_equal(acrn_pool_get(&pool, 16), blocks[40]); /* another class */
	assert_ptr_equal(acrn_pool_get(&pool, 48), blocks[40]);
	acrn_pool_release(&pool);
	assert_null(pool.chunks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_what_is_in_use),
		cmocka_unit_test(refuses_growth_past_the_limit),
		cmocka_unit_test(freeing_nothing),
		cmocka_unit_test(keeps_bytes_across_sizes),
		cmocka_unit_test(pool_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
