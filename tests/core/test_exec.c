/* SPDX-License-Identifier: Apache-2.0 */
/* The launch: acrn_exec hands execv the program and the argv (core/exec.c).
 * The test links with -Wl,--wrap=execv, so nothing is ever executed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "host.h"

int __wrap_execv(const char *path, char *const argv[]);

/* Checks the path, every argument in order, and the count up to the NULL;
 * then fails with the errno the test queued. */
int __wrap_execv(const char *path, char *const argv[])
{
	check_expected(path);
	size_t argc = 0;
	for (; argv[argc]; argc++) {
		const char *arg = argv[argc];
		check_expected(arg);
	}
	check_expected(argc);
	errno = mock_type(int);
	return -1;
}

/* Queues what execv must receive: `program` as path and argv[0], then `args`. */
static void expect_execv(const char *program, const char *const *args, size_t count, int err)
{
	expect_string(__wrap_execv, path, program);
	expect_string(__wrap_execv, arg, program);
	for (size_t i = 0; i < count; i++)
		expect_string(__wrap_execv, arg, args[i]);
	expect_value(__wrap_execv, argc, count + 1);
	will_return(__wrap_execv, err);
}

static void fill(struct acrn_strings *argv, const char *const *args, size_t count)
{
	for (size_t i = 0; i < count; i++)
		assert_int_equal(acrn_strings_add(argv, args[i]), 0);
}

/* A failed execv returns -errno; the message names the program and errno. */
static void exec_reports_errno(void **state)
{
	(void)state;
	static const char *const args[] =
		{"-A", "-m", "2048M", "-s", "0:0,hostbridge", "-B", "console=tty0 quiet", "vm-1"};
	struct acrn_strings argv = {0};
	struct acrn_error error = {.device = 5};
	fill(&argv, args, 8);
	expect_execv("/usr/bin/acrn-dm", args, 8, ENOENT);
	assert_int_equal(acrn_exec("/usr/bin/acrn-dm", &argv, &error), -ENOENT);
	assert_int_equal(error.device, 0);
	assert_non_null(strstr(error.message, "cannot execute /usr/bin/acrn-dm"));
	assert_non_null(strstr(error.message, strerror(ENOENT)));
	acrn_strings_free(&argv);
}

/* Another errno comes back as it is. */
static void exec_other_errno(void **state)
{
	(void)state;
	static const char *const args[] = {"vm"};
	struct acrn_strings argv = {0};
	struct acrn_error error = {0};
	fill(&argv, args, 1);
	expect_execv("./acrn-dm", args, 1, EACCES);
	assert_int_equal(acrn_exec("./acrn-dm", &argv, &error), -EACCES);
	assert_non_null(strstr(error.message, "./acrn-dm"));
	assert_non_null(strstr(error.message, strerror(EACCES)));

	expect_execv("./acrn-dm", args, 1, E2BIG);
	assert_int_equal(acrn_exec("./acrn-dm", &argv, &error), -E2BIG);
	assert_non_null(strstr(error.message, strerror(E2BIG)));
	acrn_strings_free(&argv);
}

/* With no arguments, execv gets the program alone, NULL-terminated. */
static void exec_no_arguments(void **state)
{
	(void)state;
	struct acrn_strings argv = {0};
	struct acrn_error error = {0};
	expect_execv("/opt/acrn dm", NULL, 0, ENOEXEC);
	assert_int_equal(acrn_exec("/opt/acrn dm", &argv, &error), -ENOEXEC);
	assert_non_null(strstr(error.message, "/opt/acrn dm"));
	assert_non_null(strstr(error.message, strerror(ENOEXEC)));
}

/* A long argv (past the vector's first growth) goes through whole. */
static void exec_long_argv(void **state)
{
	(void)state;
	const char *args[40];
	char storage[40][16];
	struct acrn_strings argv = {0};
	struct acrn_error error = {0};
	for (size_t i = 0; i < 40; i++) {
		snprintf(storage[i], sizeof storage[i], "arg %zu", i);
		args[i] = storage[i];
	}
	fill(&argv, args, 40);
	expect_execv("acrn-dm", args, 40, ENOENT);
	assert_int_equal(acrn_exec("acrn-dm", &argv, &error), -ENOENT);
	acrn_strings_free(&argv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exec_reports_errno),
		cmocka_unit_test(exec_other_errno),
		cmocka_unit_test(exec_no_arguments),
		cmocka_unit_test(exec_long_argv),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
