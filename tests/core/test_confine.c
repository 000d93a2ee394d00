/* SPDX-License-Identifier: Apache-2.0 */
/* The sandbox's child (confine.c), attacked from inside: each test forks a
 * child that confines itself as the launcher's does, then tries what an
 * escaped recipe would; the filter must end it (SIGSYS) before anything
 * happens, and the limits must hold.  And the parent's side: an answer too
 * large or too late ends the child. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host.h"

typedef int attack_fn(const char *scratch);

static char scratch_dir[] = "/tmp/acrn-confine-XXXXXX";

/* Runs `attack` in a confined child (CPU `cpu` seconds, 8 MiB of memory);
 * returns its wait status.  Exit 0 means the attack returned 0 (it was
 * allowed), 100 + errno that the call failed without ending the child. */
static int confined(attack_fn *attack, unsigned cpu)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct acrn_error error;
		struct acrn_confinement confinement = {cpu, 8 << 20, fds[1], 0};
		int fd = acrn_confine_resources(&confinement, &error);
		if (fd < 0 || acrn_confine_syscalls(fd, &error) < 0)
			_exit(99);
		int rc = attack(scratch_dir);
		_exit(rc == 0 ? 0 : 100 + (rc < 0 ? -rc : rc) % 100);
	}
	close(fds[1]);
	close(fds[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void assert_killed_by(int status, int signal_number)
{
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), signal_number);
}

static int run_a_program(const char *scratch)
{
	char marker[256];
	snprintf(marker, sizeof marker, "touch %s/ran", scratch);
	execl("/bin/sh", "sh", "-c", marker, (char *)NULL);
	return -errno;
}

static int write_a_file(const char *scratch)
{
	char path[256];
	snprintf(path, sizeof path, "%s/written", scratch);
	int fd = open(path, O_WRONLY | O_CREAT, 0644);
	return fd < 0 ? -errno : 0;
}

static int truncate_read_only(const char *scratch)
{
	char path[256];
	snprintf(path, sizeof path, "%s/victim", scratch);
	int fd = open(path, O_RDONLY | O_TRUNC);
	return fd < 0 ? -errno : 0;
}

static int open_a_socket(const char *scratch)
{
	(void)scratch;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	return fd < 0 ? -errno : 0;
}

static int signal_the_parent(const char *scratch)
{
	(void)scratch;
	return kill(getppid(), 0) < 0 ? -errno : 0;
}

static int trace_itself(const char *scratch)
{
	(void)scratch;
	return ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0 ? -errno : 0;
}

static int start_a_process(const char *scratch)
{
	(void)scratch;
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	return pid < 0 ? -errno : 0;
}

static int write_to_stdout(const char *scratch)
{
	(void)scratch;
	return write(STDOUT_FILENO, "x", 1) < 0 ? -errno : 0;
}

static int write_to_stderr(const char *scratch)
{
	(void)scratch;
	return write(STDERR_FILENO, "", 0) < 0 ? -errno : 0;
}

static int open_the_terminal(const char *scratch)
{
	(void)scratch;
	int fd = open("/dev/tty", O_RDONLY | O_NOCTTY);
	return fd < 0 ? -errno : 0;
}

static int map_executable_memory(const char *scratch)
{
	(void)scratch;
	void *code = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return code == MAP_FAILED ? -errno : 0;
}

static int raise_a_limit(const char *scratch)
{
	(void)scratch;
	struct rlimit more = {RLIM_INFINITY, RLIM_INFINITY};
	return setrlimit(RLIMIT_CPU, &more) < 0 ? -errno : 0;
}

/* Reading a file (a module loaded late) is what the filter allows. */
static int read_a_file(const char *scratch)
{
	char path[256], byte;
	snprintf(path, sizeof path, "%s/victim", scratch);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, &byte, 1);
	close(fd);
	return n == 1 ? 0 : 1;
}

static int spin(const char *scratch)
{
	(void)scratch;
	for (volatile unsigned long i = 0;; i++)
		;
	return 0;
}

/* What an escaped recipe tries is refused by ending it: no program runs,
 * no file is written or truncated, no socket, signal, trace or process. */
static void the_filter_ends_every_attack(void **state)
{
	(void)state;
	char path[256];
	attack_fn *attacks[] = {run_a_program,   write_a_file,      truncate_read_only,
				open_a_socket,   signal_the_parent, trace_itself,
				start_a_process, write_to_stdout,   map_executable_memory};
	for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++)
		assert_killed_by(confined(attacks[i], 5), SIGSYS);
	/* stderr is the terminal's: kept only for a sanitizer's reports */
	if (!acrn_confine_keeps_stderr())
		assert_killed_by(confined(write_to_stderr, 5), SIGSYS);
	/* no controlling terminal to read keys from (ENXIO) */
	int status = confined(open_the_terminal, 5);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 100 + ENXIO);
	struct stat st;
	snprintf(path, sizeof path, "%s/ran", scratch_dir);
	assert_int_equal(stat(path, &st), -1);
	snprintf(path, sizeof path, "%s/written", scratch_dir);
	assert_int_equal(stat(path, &st), -1);
	snprintf(path, sizeof path, "%s/victim", scratch_dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 5);
}

/* Reading is allowed; limits may not be raised (setrlimit is prlimit64
 * with a new limit: not allowed). */
static void reading_is_allowed_raising_limits_is_not(void **state)
{
	(void)state;
	int status = confined(read_a_file, 5);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_killed_by(confined(raise_a_limit, 5), SIGSYS);
}

/* A loop that never ends is ended by its CPU time (1 s). */
static void cpu_time_is_bounded(void **state)
{
	(void)state;
	assert_killed_by(confined(spin, 1), SIGXCPU);
}

static int check_identity(const char *scratch)
{
	(void)scratch;
	char line[128];
	int no_new_privs = -1;
	FILE *status = fopen("/proc/self/status", "re");
	if (!status)
		return 1;
	while (fgets(line, sizeof line, status))
		sscanf(line, "NoNewPrivs: %d", &no_new_privs);
	fclose(status);
	if (no_new_privs != 1)
		return 2;
	if (geteuid() == 0 || getegid() == 0)
		return 3;
	/* every descriptor but 0-3 is closed (lseek: what the filter allows) */
	for (int fd = 4; fd < 64; fd++)
		if (lseek(fd, 0, SEEK_CUR) >= 0 || errno != EBADF)
			return 4;
	return 0;
}

/* No new privileges, no root left, no descriptor of the launcher's. */
static void no_privileges_and_no_descriptors_are_left(void **state)
{
	(void)state;
	int leaked = open("/dev/null", O_RDONLY); /* not close-on-exec */
	assert_true(leaked >= 0);
	int status = confined(check_identity, 5);
	close(leaked);
	assert_true(WIFEXITED(status));
	if (geteuid() != 0 && WEXITSTATUS(status) == 3)
		return; /* not root: nothing to leave */
	assert_int_equal(WEXITSTATUS(status), 0);
}

static int allocate_a_gigabyte(const char *scratch)
{
	(void)scratch;
	char *block = malloc(1UL << 30);
	if (!block)
		return 1;
	memset(block, 1, 1UL << 30);
	return 0;
}

/* Where the build allows it, the address space is bounded: a gigabyte is
 * refused to a child with 8 MiB (under ASan, the allocator's cap alone). */
static void address_space_is_bounded(void **state)
{
	(void)state;
	if (!acrn_confine_limits_address_space())
		skip();
	int status = confined(allocate_a_gigabyte, 5);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 101);
}

/* The parent ends a child that answers too much or too late. */
static void the_parent_bounds_the_answer(void **state)
{
	(void)state;
	for (int late = 0; late < 2; late++) {
		int fds[2];
		assert_int_equal(pipe(fds), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			char block[4096];
			memset(block, 'x', sizeof block);
			for (;;) {
				if (late)
					pause();
				else if (write(fds[1], block, sizeof block) < 0)
					_exit(1);
			}
		}
		close(fds[1]);
		char *bytes;
		size_t length;
		int status;
		struct acrn_error error;
		int rc = acrn_confined_collect(pid, fds[0], 100000, 300, &bytes, &length, &status,
					       &error);
		close(fds[0]);
		assert_int_equal(rc, late ? -ETIMEDOUT : -EMSGSIZE);
		assert_null(bytes);
		assert_killed_by(status, SIGKILL);
		assert_non_null(strstr(error.message, late ? "did not finish" : "more than"));
	}
}

/* An answer arrives whole, with the child's status. */
static void an_answer_arrives(void **state)
{
	(void)state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		_exit(write(fds[1], "answer", 6) == 6 ? 0 : 1);
	}
	close(fds[1]);
	char *bytes;
	size_t length;
	int status;
	struct acrn_error error;
	assert_int_equal(acrn_confined_collect(pid, fds[0], 100, 5000, &bytes, &length, &status,
					       &error),
			 0);
	close(fds[0]);
	assert_int_equal(length, 6);
	assert_memory_equal(bytes, "answer", 6);
	free(bytes);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* A directory the child reaches as nobody too, with a file to keep. */
static int make_scratch(void **state)
{
	(void)state;
	char path[256];
	if (!mkdtemp(scratch_dir) || chmod(scratch_dir, 0755) < 0)
		return -1;
	snprintf(path, sizeof path, "%s/victim", scratch_dir);
	FILE *victim = fopen(path, "w");
	if (!victim)
		return -1;
	fputs("kept\n", victim);
	fclose(victim);
	return chmod(path, 0644);
}

static int remove_scratch(void **state)
{
	(void)state;
	char command[128];
	snprintf(command, sizeof command, "rm -rf %s", scratch_dir);
	return system(command) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_filter_ends_every_attack),
		cmocka_unit_test(reading_is_allowed_raising_limits_is_not),
		cmocka_unit_test(cpu_time_is_bounded),
		cmocka_unit_test(no_privileges_and_no_descriptors_are_left),
		cmocka_unit_test(address_space_is_bounded),
		cmocka_unit_test(the_parent_bounds_the_answer),
		cmocka_unit_test(an_answer_arrives),
	};
	return cmocka_run_group_tests(tests, make_scratch, remove_scratch);
}
