/* SPDX-License-Identifier: Apache-2.0 */
/* The host facts about CPUs: each online CPU's number and LAPIC id, as
 * /proc/cpuinfo lists them (under a root, so tests give a tree of their
 * own).  Offline CPUs are not listed there: the caller adds what it
 * recorded when it took them offline. */
#include "host.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int acrn_cpus_read(const char *root, struct acrn_cpu *cpus, size_t max, size_t *count)
{
	char path[ACRN_PATH_MAX], line[256];
	long processor = -1;
	*count = 0;
	snprintf(path, sizeof path, "%s/proc/cpuinfo", root && strcmp(root, "/") != 0 ? root : "");
	FILE *file = fopen(path, "re");
	if (!file)
		return -errno;
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
