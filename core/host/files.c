/* SPDX-License-Identifier: Apache-2.0 */
/* What a launch needs from the host's files, checked before anything runs:
 * acrn-dm executable, every file a field names as the field needs it. */
#include "host.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Checks the file a field names against what the field needs. */
static int file_check(void *context, const struct acrn_host_path *named)
{
	struct acrn_error *error = context;
	const struct acrn_field *field = named->field;
	const char *owner = named->owner, *sep = *owner ? ": " : "", *path = named->path;
	size_t device = named->device;
	struct stat st;
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
	if (field->host_max_bytes && st.st_size > field->host_max_bytes)
		return acrn_fail(error, device,
				 "%s%s%s \"%s\" is %lld bytes; acrn-dm takes at most %lld", owner,
				 sep, field->name, path, (long long)st.st_size,
				 field->host_max_bytes);
	return 0;
}

int acrn_host_check(const struct acrn_vm *vm, const char *program, struct acrn_error *error)
{
	struct stat st;
	int rc;
	error->device = 0;
	if (stat(program, &st) < 0 || access(program, X_OK) < 0) {
		rc = -errno;
		acrn_fail(error, 0, "acrn-dm \"%s\" cannot be run: %s", program, strerror(errno));
		return rc;
	}
	if (!S_ISREG(st.st_mode)) {
		acrn_fail(error, 0, "acrn-dm \"%s\" cannot be run: %s", program, strerror(EACCES));
		return -EACCES;
	}
	return acrn_vm_host_paths(vm, file_check, error);
}
