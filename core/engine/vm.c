/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A whole VM: every device and option checked for the target, the checks
 * that span devices (slots, one host bridge, one stdio user), and the argv
 * in acrn-dm.md's canonical order.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a field's value goes: inside the -s/-l string, or an argv element. */
static bool in_config(const struct acrn_field *field)
{
	return field->render != ACRN_RENDER_NONE && field->render != ACRN_RENDER_OPTION;
}

int acrn_device_render(const struct acrn_vm *vm, const struct acrn_device *device, size_t index,
		       char *buffer, size_t size, struct acrn_strings *warnings,
		       struct acrn_error *error)
{
	const struct acrn_emulation *emulation = device->emulation;
	char owner[96];
	struct acrn_context context = {.vm = vm,
				       .owner = owner,
				       .device = index,
				       .warnings = warnings,
				       .error = error};
	int rc;
	acrn_device_owner(device, index, owner);
	rc = acrn_releases_check(&emulation->releases, vm->target, owner, emulation->kind, NULL,
				 warnings, index, error);
	if (rc < 0)
		return rc;
	for (size_t f = 0; f < emulation->field_count; f++) {
		context.in_config = in_config(&emulation->fields[f]);
		rc = acrn_value_check(&context, &emulation->fields[f], &device->values[f]);
		if (rc < 0)
			return rc;
	}
	if (emulation->rule && (rc = emulation->rule(vm, device, index, error)) < 0)
		return rc;

	size_t at = 0;
	context.in_config = true;
	if (acrn_append_piece(buffer, size, &at, emulation->kind, NULL) < 0)
		goto too_long;
	if (emulation->text) {
		char *config = buffer + at + 1;
		if (size - at < 2)
			goto too_long;
		rc = emulation->text(&context, device, config, size - at - 1);
		if (rc == 0 && *config) {
			buffer[at] = ',';
			at += 1 + strlen(config);
		}
	} else {
		rc = acrn_render_fields(&context, emulation->fields, emulation->field_count,
					device->values, buffer, size, &at);
	}
	if (rc == -ENOSPC)
		goto too_long;
	/* acrn-dm takes a CONFIG that starts with "b," for the boot flag */
	if (rc == 0 && strncmp(buffer + strlen(emulation->kind), ",b,", 3) == 0 &&
	    !(acrn_field_find(emulation, "boot") >= 0 &&
	      device->values[acrn_field_find(emulation, "boot")].flag))
		return acrn_fail(error, index,
				 "%s: its configuration starts with \"b,\", which acrn-dm takes "
				 "for the boot flag: %s",
				 owner, buffer);
	return rc;
too_long:
	acrn_fail(error, index, "%s: its -s value is longer than %zu bytes", owner, size - 1);
	return -ENOSPC;
}

/* The slot as ACRN's tools write it (acrn-dm.md, "Shape"). */
static void slot_text(const struct acrn_device *device, char buffer[32])
{
	char bus[24], slot[24], func[24];
	acrn_decimal_text(device->bus, bus);
	acrn_decimal_text(device->slot, slot);
	acrn_decimal_text(device->func, func);
	if (device->bus != 0)
		ACRN_CONCAT(buffer, 32, bus, ":", slot, ":", func);
	else if (device->func != 0 || device->emulation->role != ACRN_ROLE_PLAIN)
		ACRN_CONCAT(buffer, 32, slot, ":", func);
	else
		ACRN_CONCAT(buffer, 32, slot);
}

static int placement_check(const struct acrn_device *device, size_t index, struct acrn_error *error)
{
	if (device->bus < 0 || device->bus > ACRN_BUS_MAX)
		return acrn_device_fail(error, device, index, "bus %d is out of range 0-%d",
					device->bus, ACRN_BUS_MAX);
	if (device->slot < 0 || device->slot > ACRN_SLOT_MAX)
		return acrn_device_fail(error, device, index, "slot %d is out of range 0-%d",
					device->slot, ACRN_SLOT_MAX);
	if (device->func < 0 || device->func > ACRN_FUNC_MAX)
		return acrn_device_fail(error, device, index, "func %d is out of range 0-%d",
					device->func, ACRN_FUNC_MAX);
	if (device->emulation->role == ACRN_ROLE_HOSTBRIDGE &&
	    (device->bus || device->slot || device->func))
		return acrn_device_fail(error, device, index,
					"the host bridge must be at 0:0:0, not %d:%d:%d",
					device->bus, device->slot, device->func);
	if (device->emulation->role == ACRN_ROLE_LPC && device->bus)
		return acrn_device_fail(error, device, index,
					"the LPC bridge must be on bus 0, not bus %d", device->bus);
	return 0;
}

static int by_placement(const void *a, const void *b)
{
	const struct acrn_placed_device *x = a, *y = b;
	long kx = ((long)x->bus << 16) | ((long)x->slot << 8) | x->func;
	long ky = ((long)y->bus << 16) | ((long)y->slot << 8) | y->func;
	if (kx != ky)
		return kx < ky ? -1 : 1;
	return x->device < y->device ? -1 : x->device > y->device;
}

/* Records that argv items from `from` on came from (`kind`, `index`). */
static int note_origin(struct acrn_plan *plan, size_t from, int kind, size_t index)
{
	struct acrn_argument_origin *origins = realloc(plan->origins,
						       (plan->argv.count + 1) * sizeof *origins);
	if (!origins)
		return -ENOMEM;
	plan->origins = origins;
	for (size_t i = from; i < plan->argv.count; i++)
		origins[i] = (struct acrn_argument_origin){.kind = kind, .index = index};
	return 0;
}

/* The option's spelling for the target (-W became --virtio_msi). */
static const char *option_key(const struct acrn_vm *vm, const struct acrn_field *field)
{
	if (field->renamed_key && vm->target->release >= field->renamed_since)
		return field->renamed_key;
	return field->key;
}

/* The context of the VM's own fields: no owner, warnings into the plan. */
static struct acrn_context vm_context(const struct acrn_vm *vm, struct acrn_plan *plan,
				      struct acrn_error *error)
{
	return (struct acrn_context){.vm = vm,
				     .owner = "",
				     .warnings = &plan->warnings,
				     .error = error};
}

/* Renders the global options of one place, in the catalogue's order. */
static int render_options(const struct acrn_vm *vm, enum acrn_place place, struct acrn_plan *plan,
			  struct acrn_error *error)
{
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	struct acrn_context context = vm_context(vm, plan, error);
	for (size_t i = 0; i < count; i++) {
		const struct acrn_field *field = &options[i].field;
		const struct acrn_value *value = &vm->options[i];
		char text[ACRN_PATH_MAX * 4];
		size_t records = field->repeat ? value->count : 1, first = plan->argv.count;
		if (options[i].place != place || !acrn_value_used(field, value) ||
		    (options[i].into_devices_since &&
		     vm->target->release >= options[i].into_devices_since))
			continue;
		for (size_t r = 0; r < records; r++) {
			const char *key = option_key(vm, field);
			struct acrn_value one = *value;
			if (field->repeat)
				one = (struct acrn_value){.set = true,
							  .count = 1,
							  .items = acrn_record_items(field, value,
										     r)};
			if (key && acrn_strings_add(&plan->argv, key) < 0)
				return -ENOMEM;
			if (field->render == ACRN_RENDER_FLAG ||
			    (field->flag_ok && value->flag && !value->text && !value->items))
				continue;
			if (field->type == ACRN_TYPE_LIST && !key) {
				/* raw: each item is its own argument */
				for (size_t item = 0; item < value->count; item++)
					if (acrn_strings_add(&plan->argv, value->items[item].text) <
					    0)
						return -ENOMEM;
				continue;
			}
			int rc = acrn_render_value(&context, field, &one, text, sizeof text);
			if (rc == -ENOSPC)
				acrn_fail(error, 0, "%s is too long", field->name);
			if (rc < 0) {
				error->option = i + 1;
				return rc;
			}
			if (acrn_strings_add(&plan->argv, text) < 0)
				return -ENOMEM;
		}
		if (note_origin(plan, first, ACRN_ORIGIN_OPTION, i) < 0)
			return -ENOMEM;
	}
	return 0;
}

/* Appends the device placed at plan->devices[p], whose "-s" value after the
 * slot is `config`, and the options that follow it (-l after an LPC
 * bridge, -G after pci-gvt). */
static int render_device(const struct acrn_vm *vm, struct acrn_plan *plan, size_t p,
			 const char *config, struct acrn_error *error)
{
	struct acrn_placed_device *placed = &plan->devices[p];
	const struct acrn_device *device = &vm->devices[placed->device - 1];
	char slot[32], owner[96], text[ACRN_PATH_MAX * 2];
	struct acrn_context context = {.vm = vm,
				       .owner = owner,
				       .device = placed->device,
				       .in_config = true,
				       .error = error};
	size_t first = plan->argv.count;
	acrn_device_owner(device, placed->device, owner);
	slot_text(device, slot);
	if (acrn_strings_add(&plan->argv, "-s") < 0)
		return -ENOMEM;
	placed->argument = plan->argv.count;
	if (acrn_strings_addf(&plan->argv, "%s,%s", slot, config) < 0)
		return -ENOMEM;
	for (size_t f = 0; f < device->emulation->field_count; f++) {
		const struct acrn_field *field = &device->emulation->fields[f];
		const struct acrn_value *value = &device->values[f];
		if ((field->render != ACRN_RENDER_LPC && field->render != ACRN_RENDER_OPTION) ||
		    !value->set)
			continue;
		int rc = acrn_render_value(&context, field, value, text, sizeof text);
		if (rc < 0)
			return rc == -ENOSPC ? acrn_fail(error, placed->device,
							 "%s: %s is too long", owner, field->name)
					     : rc;
		if (field->render == ACRN_RENDER_OPTION) {
			if (acrn_strings_add(&plan->argv, field->key) < 0 ||
			    acrn_strings_add(&plan->argv, text) < 0)
				return -ENOMEM;
		} else if (acrn_strings_add(&plan->argv, "-l") < 0 ||
			   acrn_strings_addf(&plan->argv, "%s%s%s",
					     field->key ? field->key : field->name,
					     *text ? "," : "", text) < 0) {
			return -ENOMEM;
		}
	}
	return note_origin(plan, first, ACRN_ORIGIN_DEVICE, placed->device);
}

/* Two VM fields that are one acrn-dm option for the target (virtio_msi
 * and virtio_msix are -W up to 2.7; ssram and psram --psram on 2.2-2.4)
 * would render it twice: one of them is set. */
static int one_option_once(const struct acrn_vm *vm, const struct acrn_option *options,
			   size_t count, struct acrn_error *error)
{
	for (size_t j = 1; j < count; j++)
		for (size_t i = 0; i < j; i++) {
			const char *key = option_key(vm, &options[i].field),
				   *other = option_key(vm, &options[j].field);
			if (!key || !other || strcmp(key, other) != 0 ||
			    !acrn_value_used(&options[i].field, &vm->options[i]) ||
			    !acrn_value_used(&options[j].field, &vm->options[j]))
				continue;
			acrn_fail(error, 0, "%s and %s are both acrn-dm's %s for ACRN %s: set one",
				  options[i].field.name, options[j].field.name, key,
				  vm->target->name);
			error->option = j + 1;
			return -EINVAL;
		}
	return 0;
}

/* Checks the VM's own fields: its name and every global option. */
static int options_check(const struct acrn_vm *vm, struct acrn_plan *plan, struct acrn_error *error)
{
	static const struct acrn_field name_field = {.name = "name",
						     .type = ACRN_TYPE_VMNAME,
						     .required = true};
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	struct acrn_context context = vm_context(vm, plan, error);
	int rc = acrn_value_check(&context, &name_field, &vm->name);
	for (size_t i = 0; rc == 0 && i < count; i++) {
		struct acrn_field field = options[i].field;
		/* an option that moved into the devices is no longer removed */
		if (options[i].into_devices_since &&
		    vm->target->release >= options[i].into_devices_since)
			field.releases.removed = 0;
		/* a table renders as one ','-joined value that acrn-dm splits */
		context.in_config = field.type == ACRN_TYPE_RECORD ||
				    field.type == ACRN_TYPE_RECORDS;
		rc = acrn_value_check(&context, &field, &vm->options[i]);
		if (rc < 0)
			error->option = i + 1;
	}
	return rc < 0 ? rc : one_option_once(vm, options, count, error);
}

int acrn_build(const struct acrn_vm *vm, struct acrn_plan *plan, struct acrn_error *error)
{
	struct acrn_strings configs = {0};
	int rc;

	error->device = 0;
	error->message[0] = '\0';
	rc = options_check(vm, plan, error);
	if (rc < 0)
		return rc;

	/* Each device's own checks and rendering, in the recipe's order, so that
	 * the first problem reported is the first one in the recipe. */
	plan->devices = calloc(vm->device_count ? vm->device_count : 1, sizeof *plan->devices);
	if (!plan->devices)
		return -ENOMEM;
	plan->device_count = vm->device_count;
	for (size_t i = 0; i < vm->device_count; i++) {
		const struct acrn_device *device = &vm->devices[i];
		char config[4 * ACRN_PATH_MAX];
		plan->devices[i] = (struct acrn_placed_device){.device = i + 1,
							       .bus = device->bus,
							       .slot = device->slot,
							       .func = device->func};
		rc = placement_check(device, i + 1, error);
		if (rc == 0)
			rc = acrn_device_render(vm, device, i + 1, config, sizeof config,
						&plan->warnings, error);
		if (rc == 0 && acrn_strings_add(&configs, config) < 0)
			rc = -ENOMEM;
		if (rc < 0)
			goto out;
	}
	qsort(plan->devices, plan->device_count, sizeof *plan->devices, by_placement);
	rc = acrn_vm_check(vm, plan, error);
	if (rc < 0)
		goto out;

	if ((rc = render_options(vm, ACRN_PLACE_FIRST, plan, error)) < 0)
		goto out;
	for (size_t p = 0; p < plan->device_count; p++)
		if ((rc = render_device(vm, plan, p, configs.items[plan->devices[p].device - 1],
					error)) < 0)
			goto out;
	if ((rc = render_options(vm, ACRN_PLACE_AFTER, plan, error)) < 0 ||
	    (rc = render_options(vm, ACRN_PLACE_BOOT, plan, error)) < 0 ||
	    (rc = render_options(vm, ACRN_PLACE_LAST, plan, error)) < 0)
		goto out;
	rc = acrn_strings_add(&plan->argv, vm->name.text) < 0 ||
			     note_origin(plan, plan->argv.count - 1, ACRN_ORIGIN_NAME, 0) < 0
		     ? -ENOMEM
		     : 0;
	if (rc == 0)
		rc = acrn_plan_effects(vm, plan, error);
out:
	acrn_strings_free(&configs);
	return rc;
}

void acrn_plan_free(struct acrn_plan *plan)
{
	acrn_strings_free(&plan->argv);
	acrn_strings_free(&plan->warnings);
	free(plan->origins);
	free(plan->devices);
	free(plan->steps);
	free(plan->consoles);
	free(plan->drives);
	*plan = (struct acrn_plan){0};
}
