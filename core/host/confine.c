/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The confinement of the child process that evaluates a sandboxed recipe
 * (doc/security.md): no new privileges, not dumpable, bounded CPU time,
 * open files and (where the build allows) address space, every descriptor
 * closed but stderr and the one it answers on; once the recipe is read and
 * compiled, no root and a seccomp filter that lets through only what
 * evaluating Lua needs.  And the parent's side: read the answer, bounded
 * in size and time, and reap the child.
 */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* AddressSanitizer reserves terabytes of shadow memory up front: an
 * address-space limit would stop the program at once, so such builds rely
 * on the allocator's cap alone. */
#if defined(__SANITIZE_ADDRESS__)
#define ACRN_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ACRN_ASAN 1
#endif
#endif
#ifndef ACRN_ASAN
#define ACRN_ASAN 0
#endif

#define RESULT_FD 3
#define OPEN_FILES_MAX 16
#define ADDRESS_SLACK (64UL << 20) /* above what the child maps at its start */
#define UNPRIVILEGED_ID 65534      /* nobody, nogroup */

bool acrn_confine_limits_address_space(void)
{
	return !ACRN_ASAN;
}

bool acrn_confine_keeps_stderr(void)
{
	return ACRN_ASAN;
}

static int limit(int resource, rlim_t soft, rlim_t hard, const char *name, struct acrn_error *error)
{
	struct rlimit value = {soft, hard};
	if (setrlimit(resource, &value) < 0) {
		int rc = -errno;
		acrn_fail(error, 0, "sandbox: cannot limit %s: %s", name, strerror(errno));
		return rc;
	}
	return 0;
}

/* The bytes of address space this process has mapped now. */
static size_t mapped_now(void)
{
	unsigned long pages = 0;
	FILE *file = fopen("/proc/self/statm", "re");
	if (file) {
		if (fscanf(file, "%lu", &pages) != 1)
			pages = 0;
		fclose(file);
	}
	return pages * (size_t)sysconf(_SC_PAGESIZE);
}

int acrn_confine_resources(const struct acrn_confinement *confinement, struct acrn_error *error)
{
	int rc;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
		rc = -errno;
		acrn_fail(error, 0, "sandbox: cannot drop privileges: %s", strerror(errno));
		return rc;
	}
	/* it dies with the launcher (which, being in a session of its own, it
	 * no longer shares a Ctrl-C with) */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0 ||
	    (confinement->parent && getppid() != confinement->parent)) {
		acrn_fail(error, 0, "sandbox: the launcher has gone");
		return -ESRCH;
	}
	/* a session of its own: no controlling terminal to read keys from */
	setsid();
	/* the answer goes out on fd 3; stdin and stdout (and stderr, but for
	 * a sanitizer's reports) are /dev/null; every other descriptor the
	 * launcher had is closed */
	int result = fcntl(confinement->result_fd, F_DUPFD_CLOEXEC, 10);
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (result < 0 || null < 0 || dup2(null, STDIN_FILENO) < 0 ||
	    dup2(null, STDOUT_FILENO) < 0 || (!ACRN_ASAN && dup2(null, STDERR_FILENO) < 0) ||
	    dup2(result, RESULT_FD) < 0) {
		rc = -errno;
		acrn_fail(error, 0, "sandbox: cannot set up its descriptors: %s", strerror(errno));
		return rc;
	}
	if (close_range(RESULT_FD + 1, ~0U, 0) < 0) {
		rc = -errno;
		acrn_fail(error, 0, "sandbox: cannot close descriptors: %s", strerror(errno));
		return rc;
	}
	size_t mapped = mapped_now();
	unsigned cpu = confinement->cpu_seconds ? confinement->cpu_seconds : 1;
	if ((rc = limit(RLIMIT_CORE, 0, 0, "core dumps", error)) < 0 ||
	    (rc = limit(RLIMIT_NOFILE, OPEN_FILES_MAX, OPEN_FILES_MAX, "open files", error)) < 0 ||
	    (rc = limit(RLIMIT_CPU, cpu, cpu + 1, "CPU time", error)) < 0)
		return rc;
	if (!ACRN_ASAN && confinement->memory && mapped) {
		rlim_t bytes = (rlim_t)(mapped + 2 * confinement->memory + ADDRESS_SLACK);
		if ((rc = limit(RLIMIT_AS, bytes, bytes, "address space", error)) < 0)
			return rc;
	}
	return RESULT_FD;
}

/* Adds `syscall` to `filter` with `count` argument comparisons. */
static int allow(scmp_filter_ctx filter, int syscall, unsigned count, ...)
{
	struct scmp_arg_cmp comparisons[2];
	va_list args;
	va_start(args, count);
	for (unsigned i = 0; i < count && i < 2; i++)
		comparisons[i] = va_arg(args, struct scmp_arg_cmp);
	va_end(args);
	return seccomp_rule_add_array(filter, SCMP_ACT_ALLOW, syscall, count, comparisons);
}

/* Leaves root for nobody (no groups, no capabilities): what the recipe
 * then reaches, nobody reaches. */
static int drop_root(struct acrn_error *error)
{
	if (geteuid() != 0)
		return 0;
	if (setgroups(0, NULL) < 0 ||
	    setresgid(UNPRIVILEGED_ID, UNPRIVILEGED_ID, UNPRIVILEGED_ID) < 0 ||
	    setresuid(UNPRIVILEGED_ID, UNPRIVILEGED_ID, UNPRIVILEGED_ID) < 0) {
		int rc = -errno;
		acrn_fail(error, 0, "sandbox: cannot leave root: %s", strerror(errno));
		return rc;
	}
	/* new credentials clear the parent-death signal: set it again */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) {
		int rc = -errno;
		acrn_fail(error, 0, "sandbox: cannot die with the launcher: %s", strerror(errno));
		return rc;
	}
	return 0;
}

int acrn_confine_syscalls(int result_fd, struct acrn_error *error)
{
	int rc = drop_root(error);
	if (rc < 0)
		return rc;
	scmp_filter_ctx filter = seccomp_init(SCMP_ACT_KILL_PROCESS);
	if (!filter)
		return acrn_fail(error, 0, "sandbox: cannot make the system call filter"), -ENOMEM;
	/* what the Lua interpreter, the C library and the sanitizers use while
	 * a recipe runs: memory, time, reading (modules loaded late), signal
	 * masks, and the end */
	static const int plain[] = {
		SCMP_SYS(read),         SCMP_SYS(readv),          SCMP_SYS(pread64),
		SCMP_SYS(lseek),        SCMP_SYS(close),          SCMP_SYS(fstat),
		SCMP_SYS(newfstatat),   SCMP_SYS(statx),          SCMP_SYS(brk),
		SCMP_SYS(munmap),       SCMP_SYS(mremap),         SCMP_SYS(madvise),
		SCMP_SYS(rt_sigreturn), SCMP_SYS(rt_sigprocmask), SCMP_SYS(sigaltstack),
		SCMP_SYS(futex),        SCMP_SYS(getpid),         SCMP_SYS(getppid),
		SCMP_SYS(gettid),       SCMP_SYS(getuid),         SCMP_SYS(geteuid),
		SCMP_SYS(getgid),       SCMP_SYS(getegid),        SCMP_SYS(clock_gettime),
		SCMP_SYS(clock_getres), SCMP_SYS(gettimeofday),   SCMP_SYS(time),
		SCMP_SYS(getrandom),    SCMP_SYS(sched_yield),    SCMP_SYS(getrlimit),
		SCMP_SYS(exit),         SCMP_SYS(exit_group),     SCMP_SYS(restart_syscall),
	};
	rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof plain / sizeof plain[0]; i++)
		rc = allow(filter, plain[i], 0);
	/* memory, never executable */
	if (rc == 0)
		rc = allow(filter, SCMP_SYS(mmap), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	if (rc == 0)
		rc = allow(filter, SCMP_SYS(mprotect), 1,
			   SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	/* files opened for reading only: no writing, creating, truncating */
	const scmp_datum_t writing = O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND;
	if (rc == 0)
		rc = allow(filter, SCMP_SYS(openat), 1,
			   SCMP_A2(SCMP_CMP_MASKED_EQ, writing, O_RDONLY));
	if (rc == 0)
		rc = allow(filter, SCMP_SYS(open), 1,
			   SCMP_A1(SCMP_CMP_MASKED_EQ, writing, O_RDONLY));
	/* writing: the answer, and stderr for a sanitizer's reports */
	const scmp_datum_t targets[] = {(scmp_datum_t)result_fd, STDERR_FILENO};
	const size_t writable = ACRN_ASAN ? 2 : 1;
	for (size_t i = 0; i < writable && rc == 0; i++) {
		rc = allow(filter, SCMP_SYS(write), 1, SCMP_A0(SCMP_CMP_EQ, targets[i]));
		if (rc == 0)
			rc = allow(filter, SCMP_SYS(writev), 1, SCMP_A0(SCMP_CMP_EQ, targets[i]));
	}
	/* limits may be read, not raised */
	if (rc == 0)
		rc = allow(filter, SCMP_SYS(prlimit64), 1, SCMP_A2(SCMP_CMP_EQ, 0));
	if (rc == 0)
		rc = seccomp_load(filter);
	seccomp_release(filter);
	if (rc < 0)
		acrn_fail(error, 0, "sandbox: cannot load the system call filter: %s",
			  strerror(-rc));
	return rc;
}

static long long now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Kills and reaps the child. */
static void end_child(pid_t pid, int *status)
{
	kill(pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
}

int acrn_confined_collect(pid_t pid, int fd, size_t max, int timeout_ms, char **bytes,
			  size_t *length, int *status, struct acrn_error *error)
{
	long long deadline = now_ms() + timeout_ms;
	size_t capacity = 0;
	char *buffer = NULL;
	int rc = 0;
	*bytes = NULL;
	*length = 0;
	for (;;) {
		long long left = deadline - now_ms();
		struct pollfd readable = {.fd = fd, .events = POLLIN};
		int ready = left > 0 ? poll(&readable, 1, (int)left) : 0;
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0) {
			rc = ready == 0 ? -ETIMEDOUT : -errno;
			break;
		}
		if (*length == capacity) {
			capacity = capacity ? capacity * 2 : 65536;
			char *grown = capacity <= 2 * max + 65536 ? realloc(buffer, capacity)
								  : NULL;
			if (!grown) {
				rc = -ENOMEM;
				break;
			}
			buffer = grown;
		}
		ssize_t n = read(fd, buffer + *length, capacity - *length);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			break;
		}
		if (n == 0)
			break;
		*length += (size_t)n;
		if (*length > max) {
			rc = -EMSGSIZE;
			break;
		}
	}
	if (rc < 0) {
		end_child(pid, status);
		free(buffer);
		*length = 0;
		if (rc == -ETIMEDOUT)
			acrn_fail(error, 0, "did not finish within %d s", timeout_ms / 1000);
		else if (rc == -EMSGSIZE)
			acrn_fail(error, 0, "sent more than %zu bytes back", max);
		else
			acrn_fail(error, 0, "cannot read its answer: %s", strerror(-rc));
		return rc;
	}
	/* the answer is complete: the child ends now, or is ended */
	for (;;) {
		pid_t done = waitpid(pid, status, WNOHANG);
		if (done == pid)
			break;
		if (done < 0 && errno != EINTR) {
			rc = -errno;
			break;
		}
		if (now_ms() >= deadline) {
			end_child(pid, status);
			break;
		}
		struct timespec pause = {0, 5000000};
		nanosleep(&pause, NULL);
	}
	*bytes = buffer;
	if (rc < 0)
		acrn_fail(error, 0, "cannot reap it: %s", strerror(-rc));
	return rc;
}
