/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What a VM asks of the host and of its lifecycle beyond its argv, read
 * from the catalogue's `effect` attributes: the host steps before acrn-dm
 * starts (CPUs offline, devices on pci-stub, taps), the consoles `console`
 * can attach to, and the drive indexes blkrescan names devices by.  No
 * field name is known here but through the catalogue.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const step_names[] = {
	[ACRN_STEP_OFFLINE_CPU] = "offline-cpu",
	[ACRN_STEP_BIND_PCI_STUB] = "bind-pci-stub",
	[ACRN_STEP_CREATE_TAP] = "create-tap",
};

const char *acrn_step_name(enum acrn_step_kind kind)
{
	return (size_t)kind < sizeof step_names / sizeof step_names[0] ? step_names[kind] : "?";
}

int acrn_step_kind_find(const char *name)
{
	for (size_t i = 0; i < sizeof step_names / sizeof step_names[0]; i++)
		if (strcmp(step_names[i], name) == 0)
			return (int)i;
	return -1;
}

void acrn_step_describe(const struct acrn_step *step, char *buffer, size_t size)
{
	switch (step->kind) {
	case ACRN_STEP_OFFLINE_CPU:
		snprintf(buffer, size,
			 "take CPU %s from the Service VM and give it to the hypervisor (undone: "
			 "back online)",
			 step->object);
		break;
	case ACRN_STEP_BIND_PCI_STUB:
		snprintf(buffer, size, "bind %s to pci-stub (undone: back to its driver)",
			 step->object);
		break;
	case ACRN_STEP_CREATE_TAP:
		snprintf(buffer, size,
			 "create tap %s when missing%s%s%s (undone: deleted if created)",
			 step->object, step->detail[0] ? ", on bridge " : "", step->detail,
			 step->detail[0] ? " when it exists" : "");
		break;
	}
}

/* Whether the effect of `field` happens, as its switch among `values`
 * (the device's, or the table's items) says. */
static bool switched_on(const struct acrn_vm *vm, const struct acrn_field *field,
			const struct acrn_field *siblings, size_t count,
			const struct acrn_value *values)
{
	if (!field->effect_switch)
		return true;
	for (size_t i = 0; i < count; i++)
		if (strcmp(siblings[i].name, field->effect_switch) == 0 && values[i].set)
			return values[i].flag;
	switch (field->effect_default) {
	case ACRN_SWITCH_ON:
		return true;
	case ACRN_SWITCH_RTVM:
		return vm->options[OPTION_RTVM].flag;
	default:
		return false;
	}
}

/* The value of the sibling field `name` among `values`, or NULL. */
static const struct acrn_value *sibling(const struct acrn_field *siblings, size_t count,
					const struct acrn_value *values, const char *name)
{
	for (size_t i = 0; name && i < count; i++)
		if (strcmp(siblings[i].name, name) == 0 && values[i].set)
			return &values[i];
	return NULL;
}

static int add_step(struct acrn_plan *plan, enum acrn_step_kind kind, const char *object,
		    const char *detail)
{
	struct acrn_step *steps = realloc(plan->steps, (plan->step_count + 1) * sizeof *steps);
	if (!steps)
		return -ENOMEM;
	plan->steps = steps;
	struct acrn_step *step = &steps[plan->step_count++];
	*step = (struct acrn_step){.kind = kind};
	snprintf(step->object, sizeof step->object, "%s", object);
	snprintf(step->detail, sizeof step->detail, "%s", detail ? detail : "");
	return 0;
}

static int add_console(struct acrn_plan *plan, struct acrn_console console)
{
	struct acrn_console *consoles = realloc(plan->consoles,
						(plan->console_count + 1) * sizeof *consoles);
	if (!consoles)
		return -ENOMEM;
	plan->consoles = consoles;
	consoles[plan->console_count++] = console;
	return 0;
}

/* The CPUs of cpu_affinity leave the Service VM: by number, each with its
 * LAPIC id as the host facts know it (written down, so that a relaunch can
 * map it while the CPU is offline); LAPIC ids are mapped to numbers.
 * Without host facts a LAPIC id stays unmapped: the step has no CPU. */
static int offline_cpus(const struct acrn_vm *vm, const struct acrn_field *field,
			const struct acrn_value *value, struct acrn_plan *plan,
			struct acrn_error *error)
{
	const struct acrn_record *record = field->record;
	const struct acrn_value *cpus = sibling(record->fields, record->count, value->items,
						"cpus");
	const struct acrn_value *lapics = sibling(record->fields, record->count, value->items,
						  "lapic_ids");
	const struct acrn_value *list = cpus ? cpus : lapics;
	const struct acrn_host_facts *facts = vm->facts;
	const char *source = facts && facts->source ? facts->source : "the host facts";
	for (size_t i = 0; list && i < list->count; i++) {
		unsigned number = (unsigned)list->items[i].number, lapic = 0;
		char object[24], detail[24] = "";
		if (lapics && !facts) {
			/* no host to map it on (an import's check): the step names
			 * the LAPIC id only, and no host check passes it */
			snprintf(detail, sizeof detail, "%lld", list->items[i].number);
			if (add_step(plan, ACRN_STEP_OFFLINE_CPU, "", detail) < 0)
				return -ENOMEM;
			continue;
		}
		if (lapics && acrn_cpu_number(facts, number, &number) < 0)
			return acrn_fail(error, 0,
					 "cpu_affinity: LAPIC id %lld is no CPU in %s: it cannot be "
					 "taken offline",
					 list->items[i].number, source);
		if (acrn_cpu_lapic_id(facts, number, &lapic) == 0)
			snprintf(detail, sizeof detail, "%u", lapic);
		snprintf(object, sizeof object, "%u", number);
		if (add_step(plan, ACRN_STEP_OFFLINE_CPU, object, detail) < 0)
			return -ENOMEM;
	}
	return 0;
}

/* A COM port's console: the backend of a UART field, or of the table of
 * one (com5). */
static int com_console(const struct acrn_field *field, const char *backend, struct acrn_plan *plan)
{
	if (!backend || !backend[0])
		return 0;
	return add_console(plan, (struct acrn_console){.backend = "uart",
						       .name = field->name,
						       .path = backend});
}

/* The consoles in a COM port's backend, or in a list of console ports. */
static int consoles_of(const struct acrn_field *field, const struct acrn_value *value,
		       struct acrn_plan *plan)
{
	if (field->type == ACRN_TYPE_UART)
		return com_console(field, value->text, plan);
	const struct acrn_record *record = field->record;
	if (field->type == ACRN_TYPE_RECORD) {
		const struct acrn_value *backend = sibling(record->fields, record->count,
							   value->items, "backend");
		return com_console(field, backend ? backend->text : NULL, plan);
	}
	for (size_t r = 0; field->type == ACRN_TYPE_RECORDS && r < value->count; r++) {
		const struct acrn_value *items = acrn_record_items(field, value, r);
		const struct acrn_value *backend = sibling(record->fields, record->count, items,
							   "backend");
		const struct acrn_value *name = sibling(record->fields, record->count, items,
							"name");
		const struct acrn_value *path = sibling(record->fields, record->count, items,
							"path");
		const struct acrn_value *mode = sibling(record->fields, record->count, items,
							"mode");
		const struct acrn_value *console = sibling(record->fields, record->count, items,
							   "console");
		if (!backend)
			continue;
		if (add_console(plan, (struct acrn_console){.backend = backend->text,
							    .name = name ? name->text : NULL,
							    .path = path ? path->text : NULL,
							    .mode = mode ? mode->text : NULL,
							    .console = console && console->flag}) <
		    0)
			return -ENOMEM;
	}
	return 0;
}

/* The effects of one field: `siblings` and `values` are the other fields of
 * its device (or table) and theirs. */
static int field_effects(const struct acrn_vm *vm, const struct acrn_field *field,
			 const struct acrn_field *siblings, size_t count,
			 const struct acrn_value *values, const struct acrn_value *value,
			 const struct acrn_placed_device *placed, enum acrn_effect only,
			 struct acrn_plan *plan, struct acrn_error *error)
{
	unsigned bus, slot, function;
	char object[24];
	if (field->effect != only || !value->set)
		return 0;
	switch (field->effect) {
	case ACRN_EFFECT_PCI_STUB:
		if (!switched_on(vm, field, siblings, count, values) ||
		    acrn_bdf_parse(value->text, &bus, &slot, &function) < 0)
			return 0;
		snprintf(object, sizeof object, "0000:%02x:%02x.%x", bus, slot, function);
		return add_step(plan, ACRN_STEP_BIND_PCI_STUB, object, NULL);
	case ACRN_EFFECT_TAP: {
		if (!switched_on(vm, field, siblings, count, values))
			return 0;
		const struct acrn_value *bridge = sibling(siblings, count, values,
							  field->effect_detail);
		return add_step(plan, ACRN_STEP_CREATE_TAP, value->text,
				bridge ? bridge->text : NULL);
	}
	case ACRN_EFFECT_OFFLINE_CPUS:
		if (!switched_on(vm, field, field->record->fields, field->record->count,
				 value->items))
			return 0;
		return offline_cpus(vm, field, value, plan, error);
	case ACRN_EFFECT_CONSOLE:
		return consoles_of(field, value, plan);
	case ACRN_EFFECT_DRIVE: {
		struct acrn_drive *drives = realloc(plan->drives,
						    (plan->drive_count + 1) * sizeof *drives);
		if (!drives)
			return -ENOMEM;
		plan->drives = drives;
		drives[plan->drive_count++] = (struct acrn_drive){value->number, placed->bus,
								  placed->slot, placed->func};
		return 0;
	}
	default:
		return 0;
	}
}

/* Every field of one kind of effect, options first, then the devices in
 * bus:slot:func order. */
static int effects_of_kind(const struct acrn_vm *vm, enum acrn_effect kind, struct acrn_plan *plan,
			   struct acrn_error *error)
{
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < count; i++)
		rc = field_effects(vm, &options[i].field, &options[i].field, 1, &vm->options[i],
				   &vm->options[i], NULL, kind, plan, error);
	for (size_t p = 0; rc == 0 && p < plan->device_count; p++) {
		const struct acrn_placed_device *placed = &plan->devices[p];
		const struct acrn_device *device = &vm->devices[placed->device - 1];
		const struct acrn_emulation *emulation = device->emulation;
		for (size_t f = 0; rc == 0 && f < emulation->field_count; f++)
			rc = field_effects(vm, &emulation->fields[f], emulation->fields,
					   emulation->field_count, device->values,
					   &device->values[f], placed, kind, plan, error);
	}
	return rc;
}

int acrn_plan_effects(const struct acrn_vm *vm, struct acrn_plan *plan, struct acrn_error *error)
{
	/* the steps in the order they run: CPUs, devices, taps */
	static const enum acrn_effect order[] = {ACRN_EFFECT_OFFLINE_CPUS, ACRN_EFFECT_PCI_STUB,
						 ACRN_EFFECT_TAP, ACRN_EFFECT_CONSOLE,
						 ACRN_EFFECT_DRIVE};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof order / sizeof order[0]; i++)
		rc = effects_of_kind(vm, order[i], plan, error);
	return rc;
}
