/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Every host path a VM names: the files its fields point at (kernel, disk
 * images, OVMF, …), found through the catalogue's `host` attribute, with
 * the owner and field that name each, for the host checks and for a site
 * policy that wants to see everything that reaches the host.
 */
#include "internal.h"

#include <stdio.h>

/* Visits every path inside `value` (lists and tables included). */
static int visit_value(const char *owner, const struct acrn_field *field,
		       const struct acrn_value *value, size_t device, acrn_path_visitor *visit,
		       void *context)
{
	int rc = 0;
	if (!value->set)
		return 0;
	if (field->host != ACRN_HOST_NONE && value->text) {
		struct acrn_host_path path = {.owner = owner,
					      .device = device,
					      .field = field,
					      .path = value->text};
		return visit(context, &path);
	}
	if (field->type == ACRN_TYPE_LIST)
		for (size_t i = 0; rc == 0 && i < value->count; i++)
			rc = visit_value(owner, field->element, &value->items[i], device, visit,
					 context);
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
				rc = visit_value(inner, &field->record->fields[f],
						 &acrn_record_items(field, value, r)[f], device,
						 visit, context);
		}
	}
	return rc;
}

int acrn_vm_host_paths(const struct acrn_vm *vm, acrn_path_visitor *visit, void *context)
{
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < count; i++)
		rc = visit_value("", &options[i].field, &vm->options[i], 0, visit, context);
	for (size_t d = 0; rc == 0 && d < vm->device_count; d++) {
		const struct acrn_device *device = &vm->devices[d];
		char owner[96];
		acrn_device_owner(device, d + 1, owner);
		for (size_t f = 0; rc == 0 && f < device->emulation->field_count; f++)
			rc = visit_value(owner, &device->emulation->fields[f], &device->values[f],
					 d + 1, visit, context);
	}
	return rc;
}
