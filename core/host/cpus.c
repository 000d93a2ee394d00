/* SPDX-License-Identifier: Apache-2.0 */
/* The host facts about CPUs: each online CPU's number and LAPIC id, as
 * /proc/cpuinfo lists them (under a root, so tests give a tree of their
 * own).  Offline CPUs are not listed there: the caller adds what it
 * recorded when it took them offline.  Under a root, cpuinfo is resolved
 * beneath it (beneath.c). */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int acrn_cpus_read(const char *root, struct acrn_cpu *cpus, size_t max, size_t *count)
{
	char line[256];
	long processor = -1;
	*count = 0;
	int fd = acrn_open_beneath(root, "/proc/cpuinfo", O_RDONLY | O_NOCTTY);
	if (fd < 0)
		return fd;
	FILE *file = fdopen(fd, "r");
	if (!file) {
		int rc = -errno;
		close(fd);
		return rc;
	}
	while (fgets(line, sizeof line, file)) {
		char *colon = strchr(line, ':'), *end;
		if (!colon)
			continue;
		unsigned long number = strtoul(colon + 1, &end, 10);
		if (end == colon + 1 || number > 0xffffffffUL)
			continue;
		if (strncmp(line, "processor", 9) == 0) {
			processor = (long)number;
		} else if (strncmp(line, "apicid", 6) == 0 && processor >= 0) {
			if (*count == max) {
				fclose(file);
				return -E2BIG;
			}
			cpus[(*count)++] = (struct acrn_cpu){.number = (unsigned)processor,
							     .lapic_id = (unsigned)number};
			processor = -1;
		}
	}
	fclose(file);
	return 0;
}
