/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Every host path a VM names: the files its fields point at (kernel, disk
 * images, OVMF, …), found through the catalogue's `host` attribute, with
 * the owner and field that name each, for the host checks and for a site
 * policy that wants to see everything that reaches the host.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* Where a walk is: the VM (for the paths acrn-dm makes itself), the
 * visitor and its context. */
struct walk {
	const struct acrn_vm *vm;
	acrn_path_visitor *visit;
	void *context;
	size_t option; /* the option being walked + 1; 0: a device */
};

/* Whether an option's value names `path`: "KIND,PATH" (pm_by_vuart, with
 * `after_comma`) or a record whose first field is the path (ioc_node). */
static bool names_path(const struct acrn_value *value, bool after_comma, const char *path)
{
	if (value->set && !after_comma && value->items)
		value = &value->items[0];
	if (!value->set || !value->text)
		return false;
	const char *start = value->text, *comma = strchr(start, ',');
	if (after_comma) {
		if (!comma)
			return false;
		start = comma + 1;
		comma = strchr(start, ',');
	}
	size_t length = comma ? (size_t)(comma - start) : strlen(start);
	return strlen(path) == length && strncmp(start, path, length) == 0;
}

/* Visits every path inside `value` (lists and tables included); `need` is
 * what the host must have there (the field's own, or its table's say). */
static int visit_value(const struct walk *walk, const char *owner, const struct acrn_field *field,
		       enum acrn_host_need need, const struct acrn_value *value, size_t device)
{
	int rc = 0;
	if (!value->set)
		return 0;
	if (need != ACRN_HOST_NONE && value->text) {
		const struct acrn_value *options = walk->vm->options;
		struct acrn_host_path path = {
			.owner = owner,
			.device = device,
			.option = walk->option,
			.field = field,
			.need = need,
			.path = value->text,
			/* the pty acrn-dm makes for --pm_by_vuart pty,PATH or -i PATH */
			.made_by_dm = names_path(&options[OPTION_PM_BY_VUART], true, value->text) ||
				      names_path(&options[OPTION_IOC_NODE], false, value->text),
		};
		return walk->visit(walk->context, &path);
	}
	if (field->type == ACRN_TYPE_LIST)
		for (size_t i = 0; rc == 0 && i < value->count; i++)
			rc = visit_value(walk, owner, field->element, field->element->host,
					 &value->items[i], device);
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
			const struct acrn_value *items = acrn_record_items(field, value, r);
			for (size_t f = 0; rc == 0 && f < field->record->count; f++)
				rc = visit_value(walk, inner, &field->record->fields[f],
						 field->record->host
							 ? field->record->host(items, f)
							 : field->record->fields[f].host,
						 &items[f], device);
		}
	}
	return rc;
}

int acrn_vm_host_paths(const struct acrn_vm *vm, acrn_path_visitor *visit, void *context)
{
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	struct walk walk = {vm, visit, context, 0};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < count; i++) {
		walk.option = i + 1;
		rc = visit_value(&walk, "", &options[i].field, options[i].field.host,
				 &vm->options[i], 0);
	}
	walk.option = 0;
	for (size_t d = 0; rc == 0 && d < vm->device_count; d++) {
		const struct acrn_device *device = &vm->devices[d];
		char owner[96];
		acrn_device_owner(device, d + 1, owner);
		for (size_t f = 0; rc == 0 && f < device->emulation->field_count; f++)
			rc = visit_value(&walk, owner, &device->emulation->fields[f],
					 device->emulation->fields[f].host, &device->values[f],
					 d + 1);
	}
	return rc;
}
