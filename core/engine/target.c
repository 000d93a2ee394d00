/* SPDX-License-Identifier: Apache-2.0 */
/* The acrn-dm releases acrn-launch knows, and what follows from the number. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Reads MAJOR.MINOR at `text`; a two-digit minor starting with 0 is 3.x's
 * MAJOR.0 and a patch (3.0.1 prints "3.01").  Returns the characters read
 * (0: none). */
static size_t read_numbers(const char *text, struct acrn_version *version)
{
	char *end;
	long major = strtol(text, &end, 10);
	if (end == text || *end != '.' || !isdigit((unsigned char)end[1]) || major < 0 ||
	    major > 99)
		return 0;
	const char *minor_text = end + 1;
	long minor = strtol(minor_text, &end, 10);
	size_t digits = (size_t)(end - minor_text);
	*version = (struct acrn_version){(int)major, (int)minor, 0, false};
	if (digits == 2 && minor_text[0] == '0') {
		version->minor = 0;
		version->patch = minor_text[1] - '0';
		version->patch_known = true;
	} else if (digits > 2 || minor > 99) {
		return 0;
	}
	return (size_t)(end - text);
}

/* Reads "vMAJOR.MINOR[.PATCH[.SUB]]" (a release tag) at `text`: true and
 * every part, patch known. */
static bool read_tag(const char *text, struct acrn_version *version)
{
	int major, minor, patch = 0, sub = 0, read = 0;
	if (sscanf(text, "v%d.%d%n", &major, &minor, &read) != 2)
		return false;
	if (text[read] == '.' && sscanf(text + read, ".%d%n", &patch, &read) == 1) {
		int more = 0;
		if (text[read + 1] == '.' && sscanf(text + read + 1, ".%d%n", &sub, &more) == 1)
			patch = patch ? patch : sub; /* 2.4.0.1 */
	}
	if (major < 0 || major > 99 || minor < 0 || minor > 99 || patch < 0 || patch > 99)
		return false;
	*version = (struct acrn_version){major, minor, patch, true};
	return true;
}

int acrn_version_parse(const char *text, struct acrn_version *version)
{
	const char *at;
	/* up to 3.1: "DM version is: 2.7-… (daily tag:TAG), build by …" */
	if ((at = strstr(text, "version is: ")) && read_numbers(at + 12, version)) {
		const char *tag = strstr(text, "tag:");
		struct acrn_version tagged;
		if (tag && read_tag(tag + 4 + (tag[4] == ' '), &tagged) &&
		    tagged.major == version->major && tagged.minor == version->minor)
			*version = tagged;
		return 0;
	}
	/* 3.2 on: "DM: 3.3-stable-…(tag: v3.3) build by …"; a branch build
	 * may say "release_3.3", an exported tree "DM: --v3.3" */
	if (strncmp(text, "DM: ", 4) == 0) {
		struct acrn_version tagged;
		bool has_tag = (at = strstr(text, "tag: v")) && read_tag(at + 5, &tagged);
		if (read_numbers(text + 4, version) ||
		    ((at = strstr(text, "release_")) && read_numbers(at + 8, version))) {
			if (has_tag && tagged.major == version->major &&
			    tagged.minor == version->minor)
				*version = tagged;
			return 0;
		}
		if (has_tag) {
			*version = tagged;
			return 0;
		}
		for (at = strstr(text, "v"); at; at = strstr(at + 1, "v"))
			if (read_tag(at, version))
				return 0;
	}
	return -EINVAL;
}

int acrn_version_target(const struct acrn_version *version, const struct acrn_target **target,
			const char **note, struct acrn_error *error)
{
	char name[16];
	*note = NULL;
	if (version->patch_known) {
		snprintf(name, sizeof name, "%d.%d.%d", version->major, version->minor,
			 version->patch);
		if (version->patch == 0)
			snprintf(name, sizeof name, "%d.%d", version->major, version->minor);
		else if (!acrn_target_find(name))
			snprintf(name, sizeof name, "%d.%d.0.%d", version->major, version->minor,
				 version->patch);
		if ((*target = acrn_target_find(name)))
			return 0;
		return acrn_fail(error, 0, "ACRN %d.%d.%d, which acrn-launch does not know",
				 version->major, version->minor, version->patch);
	}
	/* only MAJOR.MINOR: its patch releases print the same */
	snprintf(name, sizeof name, "%d.%d", version->major, version->minor);
	*target = acrn_target_find(name);
	if (!*target)
		return acrn_fail(error, 0, "ACRN %s, which acrn-launch does not know", name);
	size_t count;
	const struct acrn_target *all = acrn_targets(&count);
	char others[64] = "";
	size_t at = 0;
	bool differ = false;
	for (size_t i = 0; i < count; i++) {
		const struct acrn_target *other = &all[i];
		if (other == *target || strncmp(other->name, name, strlen(name)) != 0 ||
		    other->name[strlen(name)] != '.')
			continue;
		differ = differ || other->release != (*target)->release;
		acrn_appendf(others, sizeof others, &at, " or %s", other->name);
	}
	if (!at)
		return 0;
	if (differ)
		return acrn_fail(error, 0,
				 "ACRN %s%s: acrn-dm -v prints the same for them, and their command "
				 "lines differ: give the release with --target",
				 name, others);
	*note = "its patch releases print the same and read the same command line";
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

int acrn_input_event(const struct acrn_host_facts *facts, const char *name, const char *phys,
		     unsigned *event, size_t *count)
{
	*count = 0;
	for (size_t i = 0; facts && i < facts->input_count; i++) {
		const struct acrn_input *input = &facts->inputs[i];
		if (input->name && strcmp(input->name, name) == 0 &&
		    (!phys || (input->phys && strcmp(input->phys, phys) == 0))) {
			*event = input->event;
			++*count;
		}
	}
	return *count == 0 ? -ENODATA : *count > 1 ? -EEXIST : 0;
}
