/* SPDX-License-Identifier: Apache-2.0 */
/* What a launch needs from the host, checked before anything runs. */
#include "internal.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uuid/uuid.h>

/* Checks the file a field names against what the field needs (`need`). */
static int file_check(const char *owner, const struct acrn_field *field,
		      const struct acrn_value *value, size_t device, struct acrn_error *error)
{
	struct stat st;
	const char *sep = *owner ? ": " : "", *path = value->text;
	if (field->host == ACRN_HOST_NONE || !value->set)
		return 0;
	if (stat(path, &st) < 0 || access(path, R_OK) < 0) {
		int rc = -errno;
		acrn_fail(error, device, "%s%s%s \"%s\" cannot be read: %s", owner, sep,
			  field->name, path, strerror(errno));
		return rc;
	}
	if (S_ISBLK(st.st_mode) && field->host == ACRN_HOST_DISK)
		return 0;
	if (!S_ISREG(st.st_mode))
		return acrn_fail(error, device, "%s%s%s \"%s\" is not a regular file", owner, sep,
				 field->name, path);
	if (st.st_size == 0)
		return acrn_fail(error, device, "%s%s%s \"%s\" is empty", owner, sep, field->name,
				 path);
	if (field->host == ACRN_HOST_DISK && st.st_size % 512)
		return acrn_fail(error, device,
				 "%s%s%s \"%s\" is %lld bytes, not a multiple of 512 as acrn-dm "
				 "needs",
				 owner, sep, field->name, path, (long long)st.st_size);
	return 0;
}

int acrn_host_check(const struct acrn_vm *vm, const char *program, struct acrn_error *error)
{
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	int rc;
	error->device = 0;
	struct stat st;
	if (stat(program, &st) < 0 || access(program, X_OK) < 0) {
		rc = -errno;
		acrn_fail(error, 0, "acrn-dm \"%s\" cannot be run: %s", program, strerror(errno));
		return rc;
	}
	if (!S_ISREG(st.st_mode)) {
		acrn_fail(error, 0, "acrn-dm \"%s\" cannot be run: %s", program, strerror(EACCES));
		return -EACCES;
	}
	for (size_t i = 0; i < count; i++)
		if ((rc = file_check("", &options[i].field, &vm->options[i], 0, error)) < 0)
			return rc;
	for (size_t d = 0; d < vm->device_count; d++) {
		const struct acrn_device *device = &vm->devices[d];
		char owner[96];
		acrn_device_owner(device, d + 1, owner);
		for (size_t f = 0; f < device->emulation->field_count; f++) {
			rc = file_check(owner, &device->emulation->fields[f], &device->values[f],
					d + 1, error);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

void acrn_uuid_generate(char text[37])
{
	uuid_t uuid;
	uuid_generate(uuid);
	uuid_unparse_lower(uuid, text);
}
