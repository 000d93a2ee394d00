/* SPDX-License-Identifier: Apache-2.0 */
/* Which release an acrn-dm binary is: run it once with -v and read what it
 * prints (acrn-dm.md, "-v, --version"). */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int acrn_probe_release(const char *program, char *output, size_t size, struct acrn_version *version,
		       struct acrn_error *error)
{
	int pipe_fds[2], status, rc;
	size_t length = 0;
	char shown[128];
	output[0] = '\0';
	if (pipe2(pipe_fds, O_CLOEXEC) < 0) {
		rc = -errno;
		acrn_fail(error, 0, "cannot run %s -v: %s", program, strerror(errno));
		return rc;
	}
	pid_t pid = fork();
	if (pid < 0) {
		rc = -errno;
		close(pipe_fds[0]);
		close(pipe_fds[1]);
		acrn_fail(error, 0, "cannot run %s -v: %s", program, strerror(-rc));
		return rc;
	}
	if (pid == 0) {
		dup2(pipe_fds[1], STDOUT_FILENO);
		dup2(pipe_fds[1], STDERR_FILENO);
		execl(program, program, "-v", (char *)NULL);
		_exit(127);
	}
	close(pipe_fds[1]);
	for (;;) {
		ssize_t n = read(pipe_fds[0], output + length, size - 1 - length);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		length += (size_t)n;
		if (length == size - 1) {
			char sink[256];
			while (read(pipe_fds[0], sink, sizeof sink) > 0)
				;
			break;
		}
	}
	output[length] = '\0';
	close(pipe_fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && length == 0)
		return acrn_fail(error, 0, "cannot run %s -v (not found or not executable)",
				 program);
	/* 3.x reads the ACPI tables first: without root it says no more */
	if (strstr(output, "MADT"))
		return acrn_fail(error, 0,
				 "%s -v did not say its release (%s): acrn-dm 3.x answers -v only "
				 "where it can read /sys/firmware/acpi/tables/APIC, as root; pin the "
				 "target with --target",
				 program, acrn_describe(output, length, shown));
	if (acrn_version_parse(output, version) < 0)
		return acrn_fail(error, 0,
				 "cannot tell the ACRN release from what %s -v printed: %s; pin "
				 "the target with --target or target = \"3.3\"",
				 program, acrn_describe(output, length, shown));
	return 0;
}
