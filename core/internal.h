/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the core's own files; not part of the public API. */
#ifndef ACRN_INTERNAL_H
#define ACRN_INTERNAL_H

#include "acrn.h"

/* Fills `error` for device `device` (0: the VM) and returns -EINVAL. */
int acrn_fail(struct acrn_error *error, size_t device, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* Writes `text` for a message: in double quotes, control bytes escaped,
 * cut after 64 bytes. Returns `buffer`. */
const char *acrn_describe(const char *text, size_t length, char buffer[128]);

/* "device #4 (virtio-blk)" into `buffer`; returns it. */
const char *acrn_device_owner(const struct acrn_device *device, size_t index, char buffer[96]);

/* The text a set value renders to (ports joined, memory in MiB as "2048M")
 * into `buffer`; returns -ENOSPC when it does not fit. */
int acrn_value_text(const struct acrn_field *field, const struct acrn_value *value,
		    char *buffer, size_t size);

/* True when a set value asks for something (a false flag asks for nothing). */
bool acrn_value_used(const struct acrn_field *field, const struct acrn_value *value);

/* Checks `releases` against `target` for the thing called `what`: an error
 * when the target lacks it, a warning into `warnings` when it ignores it. */
int acrn_releases_check(const struct acrn_releases *releases, const struct acrn_target *target,
			const char *owner, const char *what, struct acrn_strings *warnings,
			size_t device, struct acrn_error *error);

#endif
