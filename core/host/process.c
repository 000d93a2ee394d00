/* SPDX-License-Identifier: Apache-2.0 */
/* What tells a process from a later one with the same number: when it
 * started, as /proc/PID/stat says (field 22, in clock ticks since boot);
 * and a signal that reaches only the process that started then. */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int acrn_process_start_time(const char *root, pid_t pid, unsigned long long *ticks)
{
	char path[ACRN_PATH_MAX], stat[1024];
	snprintf(path, sizeof path, "%s/proc/%ld/stat", root && strcmp(root, "/") != 0 ? root : "",
		 (long)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	ssize_t n = read(fd, stat, sizeof stat - 1);
	int rc = n < 0 ? -errno : 0;
	close(fd);
	if (rc < 0)
		return rc == -ESRCH ? -ESRCH : rc;
	stat[n] = '\0';
	/* "PID (COMM) STATE …": COMM may hold spaces and ')', so count from
	 * the last ')'; the start time is the 20th field after it */
	char *at = strrchr(stat, ')');
	if (!at)
		return -EINVAL;
	at++;
	for (int field = 3; field < 22; field++) {
		at = strchr(at + 1, ' ');
		if (!at)
			return -EINVAL;
	}
	char *end;
	unsigned long long value = strtoull(at + 1, &end, 10);
	if (end == at + 1)
		return -EINVAL;
	*ticks = value;
	return 0;
}

int acrn_process_signal(pid_t pid, unsigned long long start_time, int signal_number)
{
	/* hold the process by a pidfd first: once the start time matches, the
	 * signal reaches that process and no other that took its number */
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (fd < 0)
		return -errno;
	unsigned long long ticks;
	int rc = acrn_process_start_time(NULL, pid, &ticks);
	if (rc == 0 && ticks != start_time)
		rc = -ESRCH;
	if (rc == 0 && syscall(SYS_pidfd_send_signal, fd, signal_number, NULL, 0) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

void acrn_signals_reset(void)
{
	/* what a shell's background job or a supervisor left ignored or
	 * blocked must not reach acrn-dm: it relies on SIGINT and SIGTERM */
	static const int reset[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE};
	for (size_t i = 0; i < sizeof reset / sizeof reset[0]; i++)
		signal(reset[i], SIG_DFL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}
