/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Regressions: every input a fuzzer (tests/fuzz) found to break the core,
 * minimised, with the behaviour the core owes it.
 *
 * A bug that is reported but not fixed yet is marked OPEN: its test checks
 * the right behaviour, and is skipped while the core still gets it wrong
 * (so the suite stays green) but fails as soon as the core gets it right,
 * to say that the mark must go.  Fixing a bug: delete its OPEN line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "host.h"

/* `right` is whether the core behaved as it must; `open` whether the bug is
 * still marked open. */
static void expect_right(bool right, bool open, const char *what)
{
	if (open && right)
		fail_msg("%s: fixed, so delete its OPEN mark", what);
	if (open) {
		print_message("[  OPEN    ] %s\n", what);
		skip();
	}
	if (!right)
		fail_msg("%s", what);
}

/* fuzz_parsers, regressions/fuzz_parsers/bdf-overflow*: sscanf's %x keeps
 * only the low 32 bits of a longer number, so "100000000:1f.3" was taken for
 * the host device 00:1f.3 and passed through. */
#define OPEN_BDF_OVERFLOW false

static void bdf_numbers_beyond_32_bits(void **state)
{
	(void)state;
	static const char *const inputs[] = {
		"100000000:1f.3",    /* bus 2^32 */
		"0:f1000000001.1",   /* as the fuzzer found it */
		"00:100000001f.3",   /* device 2^36 + 0x1f */
		"0/1f/100000003",    /* function 2^32 + 3 */
		"100000000:00:1f.3", /* domain 2^32 */
	};
	bool right = true;
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		unsigned bus = 0, device = 0, function = 0;
		int rc = acrn_bdf_parse(inputs[i], &bus, &device, &function);
		if (rc != -EINVAL) {
			print_message("  \"%s\" parsed as %x/%x/%x\n", inputs[i], bus, device,
				      function);
			right = false;
		}
	}
	expect_right(right, OPEN_BDF_OVERFLOW,
		     "acrn_bdf_parse refuses numbers that do not fit (bdf-overflow)");
}

/* The same through a whole VM: the passthru device must be refused, not
 * rendered 0/1f/3. */
static void passthru_bdf_beyond_32_bits(void **state)
{
	(void)state;
	struct acrn_device devices[2] = {
		{.emulation = acrn_emulation_find("hostbridge")},
		{.emulation = acrn_emulation_find("passthru"), .slot = 3},
	};
	const char *bdf = "100000000:1f.3";
	int field = acrn_field_find(devices[1].emulation, "bdf");
	assert_true(field >= 0);
	devices[1].values[field] =
		(struct acrn_value){.set = true, .text = bdf, .length = strlen(bdf)};
	struct acrn_vm vm = {.target = acrn_target_find("3.3"),
			     .name = {.set = true, .text = "vm1", .length = 3},
			     .devices = devices,
			     .device_count = 2};
	struct acrn_plan plan = {0};
	struct acrn_error error;
	int rc = acrn_build(&vm, &plan, &error);
	acrn_plan_free(&plan);
	expect_right(rc == -EINVAL && error.device == 2, OPEN_BDF_OVERFLOW,
		     "a passthru bdf beyond 32 bits is refused (bdf-overflow)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bdf_numbers_beyond_32_bits),
		cmocka_unit_test(passthru_bdf_beyond_32_bits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
