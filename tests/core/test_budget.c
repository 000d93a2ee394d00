/* SPDX-License-Identifier: Apache-2.0 */
/* acrn_budget_alloc: counts what is in use, refuses growth past the limit. */
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
}

/* Freeing NULL (Lua does) changes nothing. */
static void freeing_nothing(void **state)
{
	(void)state;
	struct acrn_budget budget = {.used = 7};
	assert_null(acrn_budget_alloc(&budget, NULL, 42, 0));
	assert_int_equal(budget.used, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_what_is_in_use),
		cmocka_unit_test(refuses_growth_past_the_limit),
		cmocka_unit_test(freeing_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
