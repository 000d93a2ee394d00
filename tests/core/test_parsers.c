/* SPDX-License-Identifier: Apache-2.0 */
/* The parsers under the value checks, called directly: acrn_memory_parse,
 * acrn_bdf_parse and acrn_describe, with their limits (core/value.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "engine.h"
#include "internal.h"

/* ---- acrn_memory_parse ----------------------------------------------------- */

static void parse_ok(const char *s, unsigned long long expected)
{
	unsigned long long mib = 12345;
	const char *why = NULL;
	int rc = acrn_memory_parse(s, strlen(s), &mib, &why);
	if (rc)
		print_error("%s: %s\n", s, why);
	assert_int_equal(rc, 0);
	assert_int_equal(mib, expected);
}

static void parse_bad(const char *s, size_t length, const char *word)
{
	unsigned long long mib = 0;
	const char *why = NULL;
	assert_int_equal(acrn_memory_parse(s, length, &mib, &why), -EINVAL);
	assert_non_null(why);
	if (!strstr(why, word))
		print_error("%s: %s (wanted %s)\n", s, why, word);
	assert_non_null(strstr(why, word));
}

/* Decimal number and one unit of k, M, G (either case), in MiB. */
static void memory_parse_accepts(void **state)
{
	(void)state;
	parse_ok("2048M", 2048);
	parse_ok("2G", 2048);
	parse_ok("131072k", 128);
	parse_ok("131072K", 128);
	parse_ok("128m", 128);
	parse_ok("1g", 1024);
	parse_ok("1536k", 1);
	parse_ok("1099511627776M", 1ULL << 40); /* ACRN_MEMORY_MAX_MIB: the most */
	parse_ok("1073741824G", 1ULL << 40);
}

/* What acrn-dm rejects or misreads is refused, with a reason. */
static void memory_parse_rejects(void **state)
{
	(void)state;
	parse_bad("2048", 4, "no unit");
	parse_bad("0100M", 5, "starts with 0");
	parse_bad("0M", 2, "starts with 0");
	parse_bad("0x100M", 6, "starts with 0");
	parse_bad("2048MB", 6, "one unit");
	parse_bad("2048B", 5, "one unit");
	parse_bad("2T", 2, "one unit");
	parse_bad("2 G", 3, "one unit");
	parse_bad("M", 1, "does not start with a decimal number");
	parse_bad("", 0, "does not start with a decimal number");
	parse_bad("-2G", 3, "does not start with a decimal number");
	parse_bad(" 2G", 3, "does not start with a decimal number");
	parse_bad("1099511627777M", 14, "too large");
	parse_bad("1073741825G", 11, "too large");
	parse_bad("1000000000000000M", 17, "too large");
	parse_bad("99999999999999999999999G", 24, "too large");
	/* only `length` bytes count: "2048M" cut to "2048" has no unit */
	parse_bad("2048M", 4, "no unit");
}

/* ---- acrn_bdf_parse -------------------------------------------------------- */

static void bdf_ok(const char *text, unsigned bus, unsigned device, unsigned function)
{
	unsigned b = 999, d = 999, f = 999;
	int rc = acrn_bdf_parse(text, &b, &d, &f);
	if (rc != 0)
		print_error("\"%s\" refused\n", text);
	assert_int_equal(rc, 0);
	assert_int_equal(b, bus);
	assert_int_equal(d, device);
	assert_int_equal(f, function);
}

/* acrn_bdf_parse: "00:1f.3", "0000:00:1f.3" and "0/1f/3", all hex; the
 * separators as acrn-dm's parse_bdf takes them, any of ":/.", and two parts
 * a device on bus 0 (v3.3 hw/pci/core.c:263-269). */
static void bdf_parse_forms(void **state)
{
	(void)state;
	bdf_ok("00:1f.3", 0, 0x1f, 3);
	bdf_ok("0000:00:1f.3", 0, 0x1f, 3);
	bdf_ok("0/1f/3", 0, 0x1f, 3);
	bdf_ok("ff:1f.7", 0xff, 0x1f, 7);
	bdf_ok("3:0.0", 3, 0, 0);
	bdf_ok("a/B/1", 0xa, 0xb, 1);
	bdf_ok("10:02.0", 0x10, 2, 0);
	bdf_ok("00:1f/3", 0, 0x1f, 3);
	bdf_ok("0:1f:3", 0, 0x1f, 3);
	bdf_ok("0.1f.3", 0, 0x1f, 3);
	bdf_ok("1f.3", 0, 0x1f, 3); /* two parts: bus 0 */

	const char *bad[] = {"00:20.0",  "00:1f.8",  "100:00.0",  "0001:00:1f.3", "00:1f",
			     "0/1f",     "0/1f/3/0", "0/1f/3x",   "0x0/1f/3",     " 00:1f.3",
			     "00:1f.3 ", "00:1g.3",  "00-1f-3",   "00:1f;3",      "-1/1f/3",
			     "+0/1f/3",  "",         "0:0:0:0.0", "00:1f.3\n"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		unsigned b, d, f;
		if (acrn_bdf_parse(bad[i], &b, &d, &f) != -EINVAL)
			fail_msg("\"%s\" accepted", bad[i]);
	}
}

/* ---- bugs ------------------------------------------------------------------ */

/* Regression (found by this test, fixed): acrn_memory_parse takes a NUL byte inside the counted string for a
 * unit: strchr("kKmMgG", '\0') finds the terminator, so "2048\0" (length 5)
 * is accepted as 2048 GiB.  It must be refused. */
static void memory_parse_nul_unit(void **state)
{
	(void)state;
	unsigned long long mib = 0;
	const char *why = NULL;
	int rc = acrn_memory_parse("2048", 5, &mib, &why);
	if (rc == 0)
		print_error("accepted as %llu MiB\n", mib);
	assert_int_equal(rc, -EINVAL);
	assert_non_null(why);
}

/* Regression (found by this test, fixed): acrn_describe writes past its 128-byte buffer when the text needs
 * escaping: 64 control bytes become 256 bytes of "\xNN".  Reached from the
 * public API by any text check, e.g. acrn_value_check on a PATH of 40 tab
 * bytes (ASan: stack-buffer-overflow).  Here the buffer sits in front of a
 * guard so that the overflow shows in every build. */
static void describe_stays_in_buffer(void **state)
{
	(void)state;
	struct {
		char buffer[128];
		char guard[512];
	} out;
	char input[100];
	memset(&out, 'G', sizeof out);
	memset(input, '\x01', sizeof input);
	acrn_describe(input, sizeof input, out.buffer);
	assert_non_null(memchr(out.buffer, '\0', sizeof out.buffer));
	assert_int_equal(strncmp(out.buffer, "\"\\x01", 5), 0);
	for (size_t i = 0; i < sizeof out.guard; i++)
		if (out.guard[i] != 'G')
			fail_msg("acrn_describe wrote past its 128-byte buffer (byte %zu)",
				 128 + i);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(memory_parse_accepts),     cmocka_unit_test(memory_parse_rejects),
		cmocka_unit_test(bdf_parse_forms),          cmocka_unit_test(memory_parse_nul_unit),
		cmocka_unit_test(describe_stays_in_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
