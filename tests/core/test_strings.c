/* SPDX-License-Identifier: Apache-2.0 */
/* Owned string vectors and their shell-quoted form (core/strings.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* A fresh vector is empty; adding copies the text and NULL-terminates. */
static void strings_add_copies_and_terminates(void **state)
{
	(void)state;
	struct acrn_strings strings = {0};
	char text[] = "hello";
	assert_int_equal(acrn_strings_add(&strings, text), 0);
	text[0] = 'j'; /* the vector owns a copy */
	assert_int_equal(strings.count, 1);
	assert_non_null(strings.items);
	assert_string_equal(strings.items[0], "hello");
	assert_ptr_not_equal(strings.items[0], text);
	assert_null(strings.items[1]);
	assert_int_equal(acrn_strings_add(&strings, ""), 0);
	assert_int_equal(strings.count, 2);
	assert_string_equal(strings.items[1], "");
	assert_null(strings.items[2]);
	acrn_strings_free(&strings);
}

/* addf formats like printf. */
/* What acrn_strings_addf and acrn_appendf (in buffers of several sizes)
 * make of a format, against snprintf. */
#define SAME_AS_SNPRINTF(format, ...)                                                  \
	do {                                                                           \
		char want[64];                                                         \
		int whole = snprintf(want, sizeof want, format, __VA_ARGS__);          \
		struct acrn_strings strings = {0};                                     \
		assert_int_equal(acrn_strings_addf(&strings, format, __VA_ARGS__), 0); \
		assert_string_equal(strings.items[0], want);                           \
		acrn_strings_free(&strings);                                           \
		for (size_t size = 1; size < 40; size += 4) {                          \
			char got[64] = "";                                             \
			size_t at = 0;                                                 \
			int rc = acrn_appendf(got, size, &at, format, __VA_ARGS__);    \
			if (whole < (int)size) {                                       \
				assert_int_equal(rc, 0);                               \
				assert_string_equal(got, want);                        \
				assert_int_equal(at, (size_t)whole);                   \
			} else { /* nothing appended */                                \
				assert_int_equal(rc, -ENOSPC);                         \
				assert_string_equal(got, "");                          \
				assert_int_equal(at, 0);                               \
			}                                                              \
		}                                                                      \
	} while (0)

/* Formats of text and "%s" only are written by hand: they must give what
 * snprintf gives, also cut short, also for a NULL string. */
static void plain_formats_as_snprintf(void **state)
{
	(void)state;
	const char *volatile none = NULL; /* "(null)", as glibc's snprintf writes */
	SAME_AS_SNPRINTF("%s", "virtio-blk");
	SAME_AS_SNPRINTF("%s%s%s%s", ",", "tap", "=", "tap0");
	SAME_AS_SNPRINTF("=%s", "");
	SAME_AS_SNPRINTF("%%%s%%", "x");
	SAME_AS_SNPRINTF("x%sy%s", (const char *)none, "a longer piece of text");
	SAME_AS_SNPRINTF("%s:%d", "not plain", 42); /* by vsnprintf */
}

static void strings_addf_formats(void **state)
{
	(void)state;
	struct acrn_strings strings = {0};
	assert_int_equal(acrn_strings_addf(&strings, "%d:%s,%05.1f", 3, "virtio-blk", 2.5), 0);
	assert_int_equal(acrn_strings_addf(&strings, "%s", ""), 0);
	assert_int_equal(strings.count, 2);
	assert_string_equal(strings.items[0], "3:virtio-blk,002.5");
	assert_string_equal(strings.items[1], "");
	assert_null(strings.items[2]);
	acrn_strings_free(&strings);
}

/* Growing past the first 16 slots (and past 32) keeps every item in order
 * and the NULL after the last one. */
static void strings_grow_past_sixteen(void **state)
{
	(void)state;
	struct acrn_strings strings = {0};
	for (int i = 0; i < 40; i++) {
		if (i % 2)
			assert_int_equal(acrn_strings_addf(&strings, "item-%d", i), 0);
		else {
			char text[16];
			snprintf(text, sizeof text, "item-%d", i);
			assert_int_equal(acrn_strings_add(&strings, text), 0);
		}
		assert_int_equal(strings.count, (size_t)i + 1);
		assert_true(strings.capacity > strings.count);
		assert_null(strings.items[strings.count]);
	}
	for (int i = 0; i < 40; i++) {
		char text[16];
		snprintf(text, sizeof text, "item-%d", i);
		assert_string_equal(strings.items[i], text);
	}
	acrn_strings_free(&strings);
}

/* free releases everything and leaves an empty, reusable vector. */
static void strings_free_resets(void **state)
{
	(void)state;
	struct acrn_strings strings = {0};
	for (int i = 0; i < 20; i++)
		assert_int_equal(acrn_strings_add(&strings, "x"), 0);
	acrn_strings_free(&strings);
	assert_null(strings.items);
	assert_int_equal(strings.count, 0);
	assert_int_equal(strings.capacity, 0);
	acrn_strings_free(&strings); /* twice is harmless */
	assert_int_equal(acrn_strings_add(&strings, "again"), 0);
	assert_string_equal(strings.items[0], "again");
	assert_null(strings.items[1]);
	acrn_strings_free(&strings);
}

/* Quotes `text` into a roomy buffer and checks the result and return value. */
static void check_quote(const char *text, const char *expected)
{
	char buffer[256];
	memset(buffer, 'X', sizeof buffer);
	size_t needed = acrn_shell_quote(buffer, sizeof buffer, text);
	assert_string_equal(buffer, expected);
	assert_int_equal(needed, strlen(expected));
	/* asking with no buffer gives the same length */
	assert_int_equal(acrn_shell_quote(NULL, 0, text), needed);
}

/* Words made of safe characters are written as they are. */
static void quote_leaves_safe_words(void **state)
{
	(void)state;
	check_quote("acrn-dm", "acrn-dm");
	check_quote("/usr/bin/acrn-dm", "/usr/bin/acrn-dm");
	check_quote("0:0,hostbridge", "0:0,hostbridge");
	check_quote("5,virtio-blk,/img,ro", "5,virtio-blk,/img,ro");
	check_quote("@socket:console0=/run/vc/x.sock", "@socket:console0=/run/vc/x.sock");
	check_quote("2048M", "2048M");
	check_quote("A_b.c+d%e", "A_b.c+d%e");
}

/* Anything else goes in single quotes; an empty string becomes ''. */
static void quote_quotes_unsafe_words(void **state)
{
	(void)state;
	check_quote("", "''");
	check_quote("a b", "'a b'");
	check_quote("console=tty0 quiet", "'console=tty0 quiet'");
	check_quote("$HOME", "'$HOME'");
	check_quote("a*b", "'a*b'");
	check_quote("~root", "'~root'");
	check_quote("x\ty", "'x\ty'");
	check_quote("\"", "'\"'");
	check_quote("a;b", "'a;b'");
}

/* A single quote closes the quoting, is escaped, and reopens it. */
static void quote_escapes_single_quote(void **state)
{
	(void)state;
	check_quote("it's", "'it'\\''s'");
	check_quote("'", "''\\'''");
	check_quote("''", "''\\'''\\'''");
}

/* A small buffer gets a truncated, still NUL-terminated prefix; the return
 * value is always the full length, as with snprintf. */
static void quote_truncates_with_nul(void **state)
{
	(void)state;
	char buffer[8];
	memset(buffer, 'X', sizeof buffer);
	assert_int_equal(acrn_shell_quote(buffer, 5, "it's here"), strlen("'it'\\''s here'"));
	assert_string_equal(buffer, "'it'");
	assert_int_equal(buffer[5], 'X'); /* nothing beyond `size` */

	memset(buffer, 'X', sizeof buffer);
	assert_int_equal(acrn_shell_quote(buffer, 4, "abcdefgh"), 8);
	assert_string_equal(buffer, "abc");
	assert_int_equal(buffer[4], 'X');

	memset(buffer, 'X', sizeof buffer);
	assert_int_equal(acrn_shell_quote(buffer, 1, "abc"), 3);
	assert_int_equal(buffer[0], '\0');
	assert_int_equal(buffer[1], 'X');

	/* exactly enough room */
	memset(buffer, 'X', sizeof buffer);
	assert_int_equal(acrn_shell_quote(buffer, 4, "'"), 6);
	assert_string_equal(buffer, "''\\");
	memset(buffer, 'X', sizeof buffer);
	assert_int_equal(acrn_shell_quote(buffer, 8, "abcdefg"), 7);
	assert_string_equal(buffer, "abcdefg");

	/* size 0 writes nothing at all */
	memset(buffer, 'X', sizeof buffer);
	assert_int_equal(acrn_shell_quote(buffer, 0, "abc"), 3);
	assert_int_equal(buffer[0], 'X');
}

/* The command line: program first, each argument quoted, single spaces. */
static void command_line_joins_quoted(void **state)
{
	(void)state;
	struct acrn_strings argv = {0};
	const char *args[] = {"-m", "2048M", "-B", "console=hvc0 it's", "", "sandbox-1"};
	for (size_t i = 0; i < sizeof args / sizeof args[0]; i++)
		assert_int_equal(acrn_strings_add(&argv, args[i]), 0);
	char *line = acrn_command_line("/usr/bin/acrn-dm", &argv);
	assert_non_null(line);
	assert_string_equal(line,
			    "/usr/bin/acrn-dm -m 2048M -B 'console=hvc0 it'\\''s' '' "
			    "sandbox-1");
	free(line);

	line = acrn_command_line("/opt/my dm", &argv);
	assert_non_null(line);
	assert_string_equal(line,
			    "'/opt/my dm' -m 2048M -B 'console=hvc0 it'\\''s' '' "
			    "sandbox-1");
	free(line);
	acrn_strings_free(&argv);
}

/* With no arguments the command line is the program alone. */
static void command_line_program_only(void **state)
{
	(void)state;
	struct acrn_strings argv = {0};
	char *line = acrn_command_line("acrn-dm", &argv);
	assert_non_null(line);
	assert_string_equal(line, "acrn-dm");
	free(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings_add_copies_and_terminates),
		cmocka_unit_test(strings_addf_formats),
		cmocka_unit_test(plain_formats_as_snprintf),
		cmocka_unit_test(strings_grow_past_sixteen),
		cmocka_unit_test(strings_free_resets),
		cmocka_unit_test(quote_leaves_safe_words),
		cmocka_unit_test(quote_quotes_unsafe_words),
		cmocka_unit_test(quote_escapes_single_quote),
		cmocka_unit_test(quote_truncates_with_nul),
		cmocka_unit_test(command_line_joins_quoted),
		cmocka_unit_test(command_line_program_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
