/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Questions about the catalogue (devices.c: emulations, options.c: global
 * options), above the tables: find an entry by name, and what a target
 * supports.  Validation, rendering, scanning, the Lua constructors,
 * doc/devices.md and completion all read the tables through these.
 */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int acrn_supports(const struct acrn_target *target, const char *name, struct acrn_error *error)
{
	const struct acrn_emulation *emulation = acrn_emulation_find(name);
	int option = acrn_option_find(name);
	struct acrn_releases releases;
	char release[16];
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	if (emulation)
		releases = emulation->releases;
	else if (option >= 0)
		releases = options[option].field.releases;
	else {
		acrn_fail(error, 0, "no device or option is called \"%s\"", name);
		return -ENOENT;
	}
	if (option >= 0 && options[option].into_devices_since &&
	    target->release >= options[option].into_devices_since)
		return 0;
	/* what the target ignores, it does not support */
	if (releases.ignored && target->release >= releases.ignored)
		return acrn_fail(error, 0, "%s is ignored by acrn-dm from ACRN %s on (target %s)",
				 name, acrn_release_text(releases.ignored, release), target->name);
	return acrn_releases_check(&releases, target, "", name, NULL, NULL, 0, error);
}

const struct acrn_emulation *acrn_emulation_find(const char *name)
{
	size_t count;
	const struct acrn_emulation *emulations = acrn_emulations(&count);
	for (size_t i = 0; i < count; i++)
		if (strcmp(emulations[i].kind, name) == 0 ||
		    strcmp(emulations[i].constructor, name) == 0)
			return &emulations[i];
	return NULL;
}

int acrn_field_find(const struct acrn_emulation *emulation, const char *name)
{
	for (size_t i = 0; i < emulation->field_count; i++)
		if (strcmp(emulation->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

int acrn_option_find(const char *name)
{
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	for (size_t i = 0; i < count; i++)
		if (strcmp(options[i].field.name, name) == 0)
			return (int)i;
	return -1;
}
