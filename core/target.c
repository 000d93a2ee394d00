/* SPDX-License-Identifier: Apache-2.0 */
/* The acrn-dm releases acrn-launch knows, and what follows from the number. */
#include "acrn.h"

#include <stdio.h>
#include <string.h>

/* Every minor release from 1.6 to 3.3 (there was no 1.7 to 1.9). */
static const struct acrn_target targets[] = {
	{"1.6", ACRN_RELEASE(1, 6)}, {"2.0", ACRN_RELEASE(2, 0)}, {"2.1", ACRN_RELEASE(2, 1)},
	{"2.2", ACRN_RELEASE(2, 2)}, {"2.3", ACRN_RELEASE(2, 3)}, {"2.4", ACRN_RELEASE(2, 4)},
	{"2.5", ACRN_RELEASE(2, 5)}, {"2.6", ACRN_RELEASE(2, 6)}, {"2.7", ACRN_RELEASE(2, 7)},
	{"3.0", ACRN_RELEASE(3, 0)}, {"3.1", ACRN_RELEASE(3, 1)}, {"3.2", ACRN_RELEASE(3, 2)},
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

const char *acrn_release_text(int release, char buffer[16])
{
	snprintf(buffer, 16, "%d.%d", release / 100, release % 100);
	return buffer;
}
