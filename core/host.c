/* SPDX-License-Identifier: Apache-2.0 */
/* What a launch needs from the host, checked before anything runs, and the
 * host facts a rendering needs (LAPIC ids). */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uuid/uuid.h>

/* Checks the file a field names against what the field needs. */
static int file_check(const char *owner, const struct acrn_field *field,
		      const struct acrn_value *value, size_t device, struct acrn_error *error)
{
	struct stat st;
	const char *sep = acrn_sep(owner), *path = value->text;
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

/* Checks every file a value names, looking into lists and tables. */
static int value_files(const char *owner, const struct acrn_field *field,
		       const struct acrn_value *value, size_t device, struct acrn_error *error)
{
	int rc = 0;
	if (!value->set)
		return 0;
	if (field->host != ACRN_HOST_NONE && value->text)
		return file_check(owner, field, value, device, error);
	if (field->type == ACRN_TYPE_LIST)
		for (size_t i = 0; rc == 0 && i < value->count; i++)
			rc = value_files(owner, field->element, &value->items[i], device, error);
	if (field->type == ACRN_TYPE_RECORD || field->type == ACRN_TYPE_RECORDS) {
		size_t records = field->type == ACRN_TYPE_RECORD ? 1 : value->count;
		char inner[160];
		for (size_t r = 0; rc == 0 && r < records; r++) {
			if (field->type == ACRN_TYPE_RECORDS)
				snprintf(inner, sizeof inner, "%s%s%s[%zu]", owner, acrn_sep(owner),
					 field->name, r + 1);
			else
				snprintf(inner, sizeof inner, "%s%s%s", owner, acrn_sep(owner),
					 field->name);
			for (size_t f = 0; rc == 0 && f < field->record->count; f++)
				rc = value_files(inner, &field->record->fields[f],
						 &acrn_record_items(field, value, r)[f], device,
						 error);
		}
	}
	return rc;
}

int acrn_host_check(const struct acrn_vm *vm, const char *program, struct acrn_error *error)
{
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
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
	for (size_t i = 0; i < count; i++)
		if ((rc = value_files("", &options[i].field, &vm->options[i], 0, error)) < 0)
			return rc;
	for (size_t d = 0; d < vm->device_count; d++) {
		const struct acrn_device *device = &vm->devices[d];
		char owner[96];
		acrn_device_owner(device, d + 1, owner);
		for (size_t f = 0; f < device->emulation->field_count; f++) {
			rc = value_files(owner, &device->emulation->fields[f], &device->values[f],
					 d + 1, error);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

int acrn_cpu_lapic_id(const char *root, unsigned cpu, unsigned *lapic_id)
{
	char path[ACRN_PATH_MAX], line[256];
	long processor = -1;
	int rc = -ENODATA;
	snprintf(path, sizeof path, "%s/proc/cpuinfo", root ? root : "");
	FILE *file = fopen(path, "re");
	if (!file)
		return -errno;
	while (fgets(line, sizeof line, file)) {
		unsigned long number;
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		number = strtoul(colon + 1, NULL, 10);
		if (strncmp(line, "processor", 9) == 0)
			processor = (long)number;
		else if (strncmp(line, "apicid", 6) == 0 && processor == (long)cpu) {
			*lapic_id = (unsigned)number;
			rc = 0;
			break;
		}
	}
	fclose(file);
	return rc;
}

void acrn_uuid_generate(char text[37])
{
	uuid_t uuid;
	uuid_generate(uuid);
	uuid_unparse_lower(uuid, text);
}
