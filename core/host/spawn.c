/* SPDX-License-Identifier: Apache-2.0 */
/*
 * acrn-dm as a child: start it with its stderr on a pipe, keep the last
 * 64 KiB of what it writes, wait with a timeout, stop it (SIGINT, then
 * SIGKILL after a grace period), and always reap it.  A failed exec in the
 * child is reported to the parent through a close-on-exec pipe, so a failed
 * start leaves no child and names the errno.
 */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Appends `length` bytes to the tail ring, dropping the oldest. */
static void tail_append(struct acrn_child *child, const char *bytes, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		child->tail[(child->tail_start + child->tail_length) % ACRN_TAIL_MAX] = bytes[i];
		if (child->tail_length < ACRN_TAIL_MAX)
			child->tail_length++;
		else
			child->tail_start = (child->tail_start + 1) % ACRN_TAIL_MAX;
	}
}

int acrn_spawn(const char *program, const struct acrn_strings *argv, const int *keep_fds,
	       size_t keep_count, bool merge_stdout, struct acrn_child *child,
	       struct acrn_error *error)
{
	int output[2], report[2], fork_errno;
	memset(child, 0, sizeof *child);
	child->pid = -1;
	child->output_fd = child->pid_fd = -1;
	if (pipe2(output, O_CLOEXEC) < 0)
		goto pipe_failed;
	if (pipe2(report, O_CLOEXEC) < 0) {
		close(output[0]);
		close(output[1]);
		goto pipe_failed;
	}
	char **args = calloc(argv->count + 2, sizeof *args);
	if (!args) {
		close(output[0]);
		close(output[1]);
		close(report[0]);
		close(report[1]);
		acrn_fail(error, 0, "cannot start %s: out of memory", program);
		return -ENOMEM;
	}
	args[0] = (char *)program;
	for (size_t i = 0; i < argv->count; i++)
		args[i + 1] = argv->items[i];

	pid_t pid = fork();
	if (pid == 0) {
		/* the child: stderr to the pipe, keep the fds asked for, exec */
		int err;
		dup2(output[1], STDERR_FILENO);
		if (merge_stdout)
			dup2(output[1], STDOUT_FILENO);
		for (size_t i = 0; i < keep_count; i++) {
			int flags = fcntl(keep_fds[i], F_GETFD);
			if (flags >= 0)
				fcntl(keep_fds[i], F_SETFD, flags & ~FD_CLOEXEC);
		}
		acrn_signals_reset();
		execv(program, args);
		err = errno;
		if (write(report[1], &err, sizeof err) < 0)
			_exit(127);
		_exit(127);
	}
	fork_errno = errno;
	free(args);
	close(output[1]);
	close(report[1]);
	if (pid < 0) {
		close(output[0]);
		close(report[0]);
		acrn_fail(error, 0, "cannot start %s: %s", program, strerror(fork_errno));
		return -fork_errno;
	}

	/* the exec's verdict: nothing to read means it succeeded */
	int child_errno = 0;
	ssize_t n;
	do
		n = read(report[0], &child_errno, sizeof child_errno);
	while (n < 0 && errno == EINTR);
	close(report[0]);
	if (n == (ssize_t)sizeof child_errno) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		close(output[0]);
		acrn_fail(error, 0, "cannot execute %s: %s", program, strerror(child_errno));
		return -child_errno;
	}
	child->pid = pid;
	child->output_fd = output[0];
	fcntl(child->output_fd, F_SETFL, fcntl(child->output_fd, F_GETFL) | O_NONBLOCK);
	child->pid_fd = (int)syscall(SYS_pidfd_open, pid, 0);
	return 0;

pipe_failed:
	fork_errno = errno;
	acrn_fail(error, 0, "cannot start %s: %s", program, strerror(fork_errno));
	return -fork_errno;
}

int acrn_child_drain(struct acrn_child *child, acrn_output_fn *on_output, void *context)
{
	char buffer[4096];
	int drained = 0;
	while (child->output_fd >= 0) {
		ssize_t n = read(child->output_fd, buffer, sizeof buffer);
		if (n > 0) {
			tail_append(child, buffer, (size_t)n);
			if (on_output)
				on_output(context, buffer, (size_t)n);
			drained = 1;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0) { /* the child closed its stderr */
			close(child->output_fd);
			child->output_fd = -1;
		}
		break;
	}
	return drained;
}

/* Reaps the child if it has exited; true when it is gone. */
static bool reap(struct acrn_child *child)
{
	int status;
	if (child->reaped)
		return true;
	pid_t got = waitpid(child->pid, &status, WNOHANG);
	if (got == child->pid) {
		child->reaped = true;
		child->status = status;
		if (child->pid_fd >= 0) {
			close(child->pid_fd);
			child->pid_fd = -1;
		}
		return true;
	}
	return false;
}

int acrn_child_wait(struct acrn_child *child, int timeout_ms, acrn_output_fn *on_output,
		    void *context)
{
	long long deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
	for (;;) {
		acrn_child_drain(child, on_output, context);
		if (reap(child)) {
			acrn_child_drain(child, on_output, context);
			return 0;
		}
		long long left = deadline < 0 ? 1000 : deadline - now_ms();
		if (left <= 0)
			return -ETIMEDOUT;
		struct pollfd fds[2];
		nfds_t count = 0;
		if (child->output_fd >= 0)
			fds[count++] = (struct pollfd){.fd = child->output_fd, .events = POLLIN};
		if (child->pid_fd >= 0)
			fds[count++] = (struct pollfd){.fd = child->pid_fd, .events = POLLIN};
		/* without a pidfd, look again every 50 ms */
		int wait_ms = child->pid_fd >= 0 ? (int)(left > 1000 ? 1000 : left)
						 : (int)(left > 50 ? 50 : left);
		if (poll(fds, count, wait_ms) < 0 && errno != EINTR)
			return -errno;
		if (deadline < 0 && acrn_child_interrupted(child))
			return -EINTR;
	}
}

bool acrn_child_interrupted(const struct acrn_child *child)
{
	return child->interrupt && *child->interrupt;
}

int acrn_child_signal(struct acrn_child *child, int signal_number)
{
	if (reap(child))
		return -ESRCH;
	if (kill(child->pid, signal_number) < 0)
		return -errno;
	return 0;
}

int acrn_child_stop(struct acrn_child *child, int grace_ms, acrn_output_fn *on_output,
		    void *context)
{
	if (reap(child))
		return 0;
	kill(child->pid, SIGINT);
	if (acrn_child_wait(child, grace_ms, on_output, context) == 0)
		return 0;
	kill(child->pid, SIGKILL);
	while (acrn_child_wait(child, 1000, on_output, context) == -ETIMEDOUT)
		;
	return 1; /* it needed SIGKILL */
}

size_t acrn_child_tail(const struct acrn_child *child, char *buffer)
{
	for (size_t i = 0; i < child->tail_length; i++)
		buffer[i] = child->tail[(child->tail_start + i) % ACRN_TAIL_MAX];
	return child->tail_length;
}

void acrn_child_release(struct acrn_child *child)
{
	if (child->pid > 0 && !child->reaped) {
		kill(child->pid, SIGKILL);
		while (waitpid(child->pid, &child->status, 0) < 0 && errno == EINTR)
			;
		child->reaped = true;
	}
	if (child->output_fd >= 0)
		close(child->output_fd);
	if (child->pid_fd >= 0)
		close(child->pid_fd);
	child->output_fd = child->pid_fd = -1;
}
