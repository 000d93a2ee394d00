/* SPDX-License-Identifier: Apache-2.0 */
/* The acrn-dm releases acrn-launch knows, and what follows from the number. */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Every release from 1.6 to 3.3, patch releases included (there was no 1.7
 * to 1.9).  1.6.1 added --cpu_affinity; the other patch releases changed
 * nothing on acrn-dm's command line and stand for their minor release. */
static const struct acrn_target targets[] = {
	{"1.6", ACRN_RELEASE(1, 6)},     {"1.6.1", ACRN_PATCH(1, 6, 1)},
	{"2.0", ACRN_RELEASE(2, 0)},     {"2.1", ACRN_RELEASE(2, 1)},
	{"2.2", ACRN_RELEASE(2, 2)},     {"2.3", ACRN_RELEASE(2, 3)},
	{"2.3.1", ACRN_RELEASE(2, 3)},   {"2.4", ACRN_RELEASE(2, 4)},
	{"2.4.0.1", ACRN_RELEASE(2, 4)}, {"2.5", ACRN_RELEASE(2, 5)},
	{"2.5.1", ACRN_RELEASE(2, 5)},   {"2.6", ACRN_RELEASE(2, 6)},
	{"2.7", ACRN_RELEASE(2, 7)},     {"3.0", ACRN_RELEASE(3, 0)},
	{"3.0.1", ACRN_RELEASE(3, 0)},   {"3.0.2", ACRN_RELEASE(3, 0)},
	{"3.1", ACRN_RELEASE(3, 1)},     {"3.2", ACRN_RELEASE(3, 2)},
	{"3.3", ACRN_RELEASE(3, 3)},
};

const struct acrn_target *acrn_targets(size_t *count)
{
	*count = sizeof targets / sizeof targets[0];
	return targets;
}

const struct acrn_target *acrn_target_find(const char *name)
{
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
		if (strcmp(targets[i].name, name) == 0)
			return &targets[i];
	return NULL;
}

size_t acrn_target_name_max(const struct acrn_target *target)
{
	if (target->release < ACRN_RELEASE(1, 4))
		return 31;
	if (target->release < ACRN_RELEASE(2, 7))
		return 127;
	return 15; /* the hypervisor matches it against its scenario's names */
}

enum acrn_acceptance acrn_accepts(const struct acrn_releases *releases,
				  const struct acrn_target *target)
{
	if ((releases->since && target->release < releases->since) ||
	    (releases->removed && target->release >= releases->removed))
		return ACRN_REFUSED;
	if (releases->ignored && target->release >= releases->ignored)
		return ACRN_IGNORED;
	return ACRN_ACCEPTED;
}

const char *acrn_release_text(int release, char buffer[16])
{
	int major = release / 10000, minor = release / 100 % 100, patch = release % 100;
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
		if (targets[i].release == release && (patch || !strchr(targets[i].name + 2, '.'))) {
			snprintf(buffer, 16, "%s", targets[i].name);
			return buffer;
		}
	if (patch)
		snprintf(buffer, 16, "%d.%d.%d", major, minor, patch);
	else
		snprintf(buffer, 16, "%d.%d", major, minor);
	return buffer;
}

int acrn_release_parse(const char *text, int *release)
{
	const char *at;
	int major, minor;
	/* up to 3.0: "DM version is: 2.7-20211215 (daily tag:…), build by …" */
	if ((at = strstr(text, "version is: ")) && sscanf(at + 12, "%d.%d", &major, &minor) == 2)
		goto found;
	/* 3.1 on: "DM: release_3.3-…(tag: v3.3) build by …", or "DM: --v3.3 build …" */
	if (strncmp(text, "DM: ", 4) == 0) {
		if ((at = strstr(text, "tag: v")) && sscanf(at + 6, "%d.%d", &major, &minor) == 2)
			goto found;
		if ((at = strstr(text, "release_")) && sscanf(at + 8, "%d.%d", &major, &minor) == 2)
			goto found;
		for (at = strstr(text, "v"); at; at = strstr(at + 1, "v"))
			if (sscanf(at + 1, "%d.%d", &major, &minor) == 2)
				goto found;
	}
	return -EINVAL;
found:
	if (major < 0 || major > 99 || minor < 0 || minor > 99)
		return -EINVAL;
	*release = ACRN_RELEASE(major, minor);
	return 0;
}

int acrn_cpu_lapic_id(const struct acrn_host_facts *facts, unsigned cpu, unsigned *lapic_id)
{
	for (size_t i = 0; facts && i < facts->cpu_count; i++)
		if (facts->cpus[i].number == cpu) {
			*lapic_id = facts->cpus[i].lapic_id;
			return 0;
		}
	return -ENODATA;
}

int acrn_cpu_number(const struct acrn_host_facts *facts, unsigned lapic_id, unsigned *cpu)
{
	for (size_t i = 0; facts && i < facts->cpu_count; i++)
		if (facts->cpus[i].lapic_id == lapic_id) {
			*cpu = facts->cpus[i].number;
			return 0;
		}
	return -ENODATA;
}
