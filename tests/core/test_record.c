/* SPDX-License-Identifier: Apache-2.0 */
/* The lifecycle record (core/host/record.c): written and read back whole,
 * odd bytes escaped, read strictly, written atomically and privately; and
 * what tells a process from a later one with its number (process.c). */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "host.h"

static struct acrn_record_console consoles[] = {
	{"socket", "console0", "/run/vm 1/con%sole.sock", NULL, true},
	{"uart", "com1", "/dev/ttyS1", NULL, false},
};
static struct acrn_record_drive drives[] = {{1, 0, 5, 0, NULL}, {2, 0, 6, 0, "/data/x.img"}};
static struct acrn_step steps[] = {
	{ACRN_STEP_OFFLINE_CPU, "3", "6", ACRN_STEP_DONE, "online"},
	{ACRN_STEP_BIND_PCI_STUB, "0000:00:1f.3", "", ACRN_STEP_STARTED, "e1000e"},
	{ACRN_STEP_CREATE_TAP, "tap0", "acrn-br0", ACRN_STEP_PLANNED, ""},
};

static struct acrn_launch_record sample(void)
{
	struct acrn_launch_record record = {
		.name = "vm1",
		.pid = 4242,
		.start_time = 123456789ULL,
		.launcher = 4200,
		.started = 1700000000,
		.program = "/usr/bin/acrn-dm",
		.recipe = "/etc/acrn-launch/vms/vm1.lua",
		.target = "3.3",
		.root = "/",
		.hash = "0123456789abcdef",
		.ended_by = "SIGINT",
		.consoles = consoles,
		.console_count = 2,
		.drives = drives,
		.drive_count = 2,
		.steps = steps,
		.step_count = 3,
	};
	return record;
}

/* Formats and parses back to the same record, odd bytes and all. */
static void round_trip(void **state)
{
	(void)state;
	struct acrn_launch_record record = sample(), back;
	struct acrn_error error;
	char *bytes;
	size_t length;
	const char *args[] = {"-s", "3,virtio-blk,/a b.img", "-", "%41", "ütf", "vm1"};
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(acrn_strings_add(&record.argv, args[i]), 0);
	assert_int_equal(acrn_launch_record_format(&record, &bytes, &length), 0);
	assert_non_null(strstr(bytes, "arg 3,virtio-blk,/a%20b.img\n"));
	assert_non_null(strstr(bytes, "arg %2D\n"));
	assert_non_null(strstr(bytes, "step bind-pci-stub 0000:00:1f.3 - started e1000e\n"));
	assert_int_equal(acrn_launch_record_parse(bytes, length, &back, &error), 0);
	assert_string_equal(back.name, "vm1");
	assert_int_equal(back.pid, 4242);
	assert_true(back.start_time == 123456789ULL);
	assert_int_equal(back.launcher, 4200);
	assert_int_equal(back.started, 1700000000);
	assert_string_equal(back.program, "/usr/bin/acrn-dm");
	assert_string_equal(back.hash, "0123456789abcdef");
	assert_string_equal(back.ended_by, "SIGINT");
	assert_non_null(strstr(bytes, "\nended-by SIGINT\n"));
	assert_int_equal(back.argv.count, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(back.argv.items[i], args[i]);
	assert_int_equal(back.console_count, 2);
	assert_string_equal(back.consoles[0].path, "/run/vm 1/con%sole.sock");
	assert_null(back.consoles[0].mode);
	assert_true(back.consoles[0].console);
	assert_int_equal(back.drive_count, 2);
	assert_null(back.drives[0].filled);
	assert_string_equal(back.drives[1].filled, "/data/x.img");
	assert_int_equal(back.drives[1].slot, 6);
	assert_int_equal(back.step_count, 3);
	assert_memory_equal(&back.steps[0], &steps[0], sizeof steps[0]);
	assert_int_equal(back.steps[1].state, ACRN_STEP_STARTED);
	assert_string_equal(back.steps[2].detail, "acrn-br0");
	acrn_launch_record_free(&back);
	acrn_strings_free(&record.argv);
	free(bytes);
}

/* Anything but a record is refused, naming the line, and leaks nothing. */
static void strict(void **state)
{
	(void)state;
	struct acrn_launch_record back;
	struct acrn_error error;
	static const struct {
		const char *text, *words;
	} bad[] = {
		{"", "does not start with"},
		{"acrn-launch-record 2\nname vm1\n", "does not start with"},
		{"acrn-launch-record 1\nname vm1\npid 1\nprogram /x\nshell rm -rf /\n", "line 5"},
		{"acrn-launch-record 1\nname vm1\npid 1\nprogram /x", "newline"},
		{"acrn-launch-record 1\nname vm1\npid x\nprogram /x\n", "line 3"},
		{"acrn-launch-record 1\nname vm1\npid -4\nprogram /x\n", "line 3"},
		{"acrn-launch-record 1\nname v%4\npid 1\nprogram /x\n", "escape"},
		{"acrn-launch-record 1\nname v%00\npid 1\nprogram /x\n", "escape"},
		{"acrn-launch-record 1\nname vm1\nprogram /x\n", "no name, pid or program"},
		{"acrn-launch-record 1\nname vm1\npid 1\nprogram /x\nstep format-disk / - done x\n",
		 "malformed step"},
		{"acrn-launch-record 1\nname vm1\npid 1\nprogram /x\nstep offline-cpu 3 - gone x\n",
		 "malformed step"},
		{"acrn-launch-record 1\nname vm1\npid 1\nprogram /x\ndrive 1 0 32 0 -\n", "drive"},
		{"acrn-launch-record 1\nname vm1 vm2\npid 1\nprogram /x\n", "line 2"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = acrn_launch_record_parse(bad[i].text, strlen(bad[i].text), &back, &error);
		if (rc != -EINVAL || !strstr(error.message, bad[i].words))
			fail_msg("case %zu: %d %s", i, rc, error.message);
	}
	const char nul[] = "acrn-launch-record 1\nname v\0m\npid 1\nprogram /x\n";
	assert_int_equal(acrn_launch_record_parse(nul, sizeof nul - 1, &back, &error), -EINVAL);
}

/* Written whole and privately, read back; not through a link; removed. */
static void files(void **state)
{
	(void)state;
	char directory[] = "/tmp/acrn-record-XXXXXX", path[128], link_path[128];
	assert_non_null(mkdtemp(directory));
	struct acrn_launch_record record = sample(), back;
	struct acrn_error error;
	assert_int_equal(acrn_launch_record_write(directory, &record, &error), 0);
	snprintf(path, sizeof path, "%s/vm1.record", directory);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(acrn_launch_record_read(directory, "vm1", &back, &error), 0);
	assert_int_equal(back.pid, 4242);
	acrn_launch_record_free(&back);
	/* a record under another name is not this VM's */
	snprintf(link_path, sizeof link_path, "%s/vm2.record", directory);
	assert_int_equal(rename(path, link_path), 0);
	assert_int_equal(acrn_launch_record_read(directory, "vm2", &back, &error), -EINVAL);
	assert_non_null(strstr(error.message, "holds the record of vm1"));
	/* a link is not followed */
	assert_int_equal(symlink(link_path, path), 0);
	assert_true(acrn_launch_record_read(directory, "vm1", &back, &error) < 0);
	unlink(path);
	assert_int_equal(acrn_launch_record_read(directory, "vm1", &back, &error), -ENOENT);
	assert_int_equal(acrn_launch_record_remove(directory, "vm2"), 0);
	assert_int_equal(acrn_launch_record_remove(directory, "vm2"), 0);
	assert_int_equal(rmdir(directory), 0);
}

/* A process is known by its pid and start time; a signal reaches only the
 * one that started then. */
static void processes(void **state)
{
	(void)state;
	unsigned long long mine, again;
	assert_int_equal(acrn_process_start_time(NULL, getpid(), &mine), 0);
	assert_int_equal(acrn_process_start_time("/", getpid(), &again), 0);
	assert_true(mine == again);
	pid_t child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	unsigned long long start;
	assert_int_equal(acrn_process_start_time(NULL, child, &start), 0);
	/* the wrong start time: some other process with that number */
	assert_int_equal(acrn_process_signal(child, start + 1, SIGTERM), -ESRCH);
	assert_int_equal(acrn_process_signal(child, start, SIGTERM), 0);
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	assert_int_equal(acrn_process_start_time(NULL, child, &start), -ESRCH);
	assert_true(acrn_process_signal(child, start, SIGTERM) < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(strict),
		cmocka_unit_test(files),
		cmocka_unit_test(processes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
