/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Checks of a VM as a whole, for what acrn-dm refuses only at device init
 * or mishandles without a word: devices that clash (slots, stdio, host
 * devices, one of a kind), a raw -s in a slot a device has, boot sources
 * that exclude each other, a ramdisk or kernel command line nobody reads,
 * and the integrated GPU's companion LPC bridge.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether two values of a `unique` field name the same thing: numbers by
 * value, host devices by their bus, device and function, text by text. */
static bool same_value(const struct acrn_field *field, const struct acrn_value *a,
		       const struct acrn_value *b)
{
	unsigned x[3], y[3];
	if (field->type == ACRN_TYPE_INTEGER)
		return a->number == b->number;
	if (!a->text || !b->text)
		return false;
	if (field->type == ACRN_TYPE_BDF && acrn_bdf_parse(a->text, &x[0], &x[1], &x[2]) == 0 &&
	    acrn_bdf_parse(b->text, &y[0], &y[1], &y[2]) == 0)
		return memcmp(x, y, sizeof x) == 0;
	return a->length == b->length && memcmp(a->text, b->text, a->length) == 0;
}

/* How many times a value (and what it holds) takes acrn-dm's stdio. */
static size_t stdio_uses(const struct acrn_field *field, const struct acrn_value *value)
{
	size_t uses = 0;
	if (!value->set)
		return 0;
	if (field->uses_stdio && value->text && strcmp(value->text, "stdio") == 0)
		return 1;
	if (field->type == ACRN_TYPE_LIST)
		for (size_t i = 0; i < value->count; i++)
			uses += stdio_uses(field->element, &value->items[i]);
	if (field->type == ACRN_TYPE_RECORD || field->type == ACRN_TYPE_RECORDS) {
		size_t records = field->type == ACRN_TYPE_RECORD ? 1 : value->count;
		for (size_t r = 0; r < records; r++)
			for (size_t f = 0; f < field->record->count; f++)
				uses += stdio_uses(&field->record->fields[f],
						   &acrn_record_items(field, value, r)[f]);
	}
	return uses;
}

/* Checks across devices: one host bridge, one LPC, one of each `single`
 * emulation, each slot once, one stdio user, unique fields (drive indexes,
 * host devices) unique. */
static int devices_check(const struct acrn_vm *vm, const struct acrn_plan *plan,
			 struct acrn_error *error)
{
	size_t hostbridges = 0, lpcs = 0, first_stdio = 0;
	const char *first_stdio_field = NULL;
	char owner[96], other[96], slot[32];
	for (size_t i = 0; i < vm->device_count; i++) {
		const struct acrn_device *device = &vm->devices[i];
		const struct acrn_emulation *emulation = device->emulation;
		acrn_device_owner(device, i + 1, owner);
		if (emulation->role == ACRN_ROLE_HOSTBRIDGE && ++hostbridges > 1)
			return acrn_fail(error, i + 1, "%s: a VM has exactly one host bridge",
					 owner);
		if (emulation->role == ACRN_ROLE_LPC && ++lpcs > 1)
			return acrn_fail(error, i + 1, "%s: a VM has at most one LPC bridge",
					 owner);
		for (size_t j = 0; emulation->single && j < i; j++)
			if (vm->devices[j].emulation == emulation)
				return acrn_fail(error, i + 1,
						 "%s: a VM has at most one %s (acrn-dm refuses a "
						 "second)",
						 owner, emulation->kind);
		for (size_t f = 0; f < emulation->field_count; f++) {
			const struct acrn_field *field = &emulation->fields[f];
			const struct acrn_value *value = &device->values[f];
			size_t users = stdio_uses(field, value);
			/* acrn-dm has one stdio for all console ports and UARTs */
			if (users > 1)
				return acrn_fail(error, i + 1,
						 "%s: %s uses stdio more than once; acrn-dm has one "
						 "stdio for all ports and UARTs",
						 owner, field->name);
			if (users && first_stdio)
				return acrn_fail(error, i + 1,
						 "%s: %s also uses stdio, which device #%zu (%s) "
						 "already uses in %s; acrn-dm has one stdio for all "
						 "ports and UARTs",
						 owner, field->name, first_stdio,
						 vm->devices[first_stdio - 1].emulation->kind,
						 first_stdio_field);
			if (users) {
				first_stdio = i + 1;
				first_stdio_field = field->name;
			}
			if (!field->unique || !value->set)
				continue;
			for (size_t j = 0; j < i; j++) {
				const struct acrn_value *earlier = &vm->devices[j].values[f];
				char shown[128];
				if (vm->devices[j].emulation != emulation ||
				    !same_value(field, earlier, value))
					continue;
				if (field->type == ACRN_TYPE_INTEGER)
					snprintf(shown, sizeof shown, "%lld", value->number);
				else
					acrn_describe(value->text, value->length, shown);
				return acrn_fail(error, i + 1, "%s: %s %s is already used by %s",
						 owner, field->name, shown,
						 acrn_device_owner(&vm->devices[j], j + 1, other));
			}
		}
	}
	if (hostbridges == 0)
		return acrn_fail(error, 0, "the VM has no host bridge: add acrn.hostbridge {}");
	for (size_t i = 1; i < plan->device_count; i++) {
		const struct acrn_placed_device *a = &plan->devices[i - 1], *b = &plan->devices[i];
		const struct acrn_device *da = &vm->devices[a->device - 1];
		const struct acrn_device *db = &vm->devices[b->device - 1];
		if (a->bus != b->bus || a->slot != b->slot || a->func != b->func)
			continue;
		snprintf(slot, sizeof slot, "%d:%d:%d", db->bus, db->slot, db->func);
		return acrn_fail(error, b->device, "%s: slot %s is already taken by %s",
				 acrn_device_owner(db, b->device, owner), slot,
				 acrn_device_owner(da, a->device, other));
	}
	return 0;
}

/* Whether `word` names acrn-dm's --pci_slot: -s, or a unique prefix of the
 * long option; `glued` gets a value written into the same word. */
static bool pci_slot_word(const char *word, const char **glued)
{
	static const char long_name[] = "--pci_slot";
	*glued = NULL;
	if (strncmp(word, "-s", 2) == 0) {
		*glued = word[2] ? word + 2 : NULL;
		return true;
	}
	const char *equals = strchr(word, '=');
	size_t length = equals ? (size_t)(equals - word) : strlen(word);
	if (length < 4 || length > sizeof long_name - 1 || strncmp(word, long_name, length) != 0)
		return false;
	*glued = equals ? equals + 1 : NULL;
	return true;
}

/* Reads [BUS:]SLOT[:FUNC] at the start of `value` (decimal, as acrn-dm
 * reads it); false when there is none. */
static bool raw_placement(const char *value, struct acrn_slot *slot)
{
	long parts[3];
	size_t count = 0;
	const char *at = value;
	while (count < 3) {
		char *end;
		parts[count++] = strtol(at, &end, 10);
		if (end == at)
			return false;
		at = end;
		if (*at != ':')
			break;
		at++;
	}
	if (*at != ',' && *at != '\0')
		return false;
	*slot = (struct acrn_slot){0, (int)parts[0], 0, 0};
	if (count == 2)
		slot->func = (int)parts[1];
	else if (count == 3)
		*slot = (struct acrn_slot){(int)parts[0], (int)parts[1], (int)parts[2], 0};
	return slot->bus >= 0 && slot->bus <= ACRN_BUS_MAX && slot->slot >= 0 &&
	       slot->slot <= ACRN_SLOT_MAX && slot->func >= 0 && slot->func <= ACRN_FUNC_MAX;
}

size_t acrn_raw_slots(const struct acrn_value *raw, struct acrn_slot *slots, size_t max)
{
	size_t found = 0;
	for (size_t i = 0; raw->set && i < raw->count; i++) {
		const char *glued, *value;
		if (!pci_slot_word(raw->items[i].text, &glued))
			continue;
		value = glued ? glued : i + 1 < raw->count ? raw->items[i + 1].text : NULL;
		struct acrn_slot slot;
		if (value && raw_placement(value, &slot)) {
			slot.item = glued ? i : i + 1;
			if (found < max)
				slots[found] = slot;
			found++;
		}
		if (!glued)
			i++;
	}
	return found;
}

/* A -s in raw takes its slot as a device does: no device may have it too. */
static int raw_check(const struct acrn_vm *vm, const struct acrn_plan *plan,
		     struct acrn_error *error)
{
	struct acrn_slot slots[64];
	const struct acrn_value *raw = &vm->options[OPTION_RAW];
	size_t count = acrn_raw_slots(raw, slots, 64);
	char owner[96];
	if (count > 64)
		return acrn_fail(error, 0, "raw: %zu -s arguments; acrn-launch takes at most 64",
				 count);
	for (size_t r = 0; r < count; r++) {
		const struct acrn_slot *slot = &slots[r];
		const char *text = raw->items[slot->item].text;
		for (size_t p = 0; p < plan->device_count; p++) {
			const struct acrn_placed_device *placed = &plan->devices[p];
			if (placed->bus != slot->bus || placed->slot != slot->slot ||
			    placed->func != slot->func)
				continue;
			return acrn_fail(error, 0,
					 "raw: -s %s takes slot %d:%d:%d, which %s has already",
					 text, slot->bus, slot->slot, slot->func,
					 acrn_device_owner(&vm->devices[placed->device - 1],
							   placed->device, owner));
		}
		for (size_t e = 0; e < r; e++)
			if (slots[e].bus == slot->bus && slots[e].slot == slot->slot &&
			    slots[e].func == slot->func)
				return acrn_fail(error, 0,
						 "raw: -s %s takes slot %d:%d:%d, which -s %s has "
						 "already",
						 text, slot->bus, slot->slot, slot->func,
						 raw->items[slots[e].item].text);
	}
	return 0;
}

/* acrn-dm boots from the first of vSBL, OVMF, kernel and ELF it is given
 * and ignores the rest without a word; -r goes with a kernel only, -B with
 * a kernel or (up to 2.7) vSBL. */
static int boot_check(const struct acrn_vm *vm, struct acrn_strings *warnings)
{
	static const enum acrn_option_index order[] = {OPTION_VSBL, OPTION_OVMF, OPTION_KERNEL,
						       OPTION_ELF};
	const struct acrn_value *options = vm->options;
	bool vsbl = options[OPTION_VSBL].set && vm->target->release < R(3, 0);
	size_t count;
	const struct acrn_option *catalogue = acrn_options(&count);
	const char *boots = NULL;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (!options[order[i]].set || (order[i] == OPTION_VSBL && !vsbl))
			continue;
		const char *name = catalogue[order[i]].field.name;
		if (!boots)
			boots = name;
		else if (acrn_strings_addf(warnings,
					   "%s and %s: acrn-dm boots from %s and ignores %s", boots,
					   name, boots, name) < 0)
			return -ENOMEM;
	}
	if (options[OPTION_RAMDISK].set && !options[OPTION_KERNEL].set &&
	    acrn_strings_addf(warnings,
			      "ramdisk without kernel: acrn-dm loads a ramdisk only with a kernel, "
			      "and ignores this one") < 0)
		return -ENOMEM;
	if (options[OPTION_BOOTARGS].set && !options[OPTION_KERNEL].set && !vsbl &&
	    acrn_strings_addf(warnings,
			      "bootargs without kernel%s: acrn-dm gives the command line only to a "
			      "kernel%s, and ignores it",
			      vm->target->release < R(3, 0) ? " or vsbl" : "",
			      vm->target->release < R(3, 0) ? " or vSBL" : "") < 0)
		return -ENOMEM;
	return 0;
}

/* The integrated GPU (host 00:02.0) passed through: acrn-dm adds the LPC
 * bridge it expects at 0:31.0 (from 2.7 by itself, before with the passthru
 * option gpu), and skips it when that slot is taken; guests expect the GPU
 * at slot 2. */
static int gpu_check(const struct acrn_vm *vm, const struct acrn_plan *plan,
		     struct acrn_strings *warnings)
{
	char owner[96];
	for (size_t p = 0; p < plan->device_count; p++) {
		const struct acrn_placed_device *placed = &plan->devices[p];
		const struct acrn_device *device = &vm->devices[placed->device - 1];
		unsigned bus, slot, function;
		if (strcmp(device->emulation->kind, "passthru") != 0)
			continue;
		/* passthru's fields: bdf, gpu, … (devices.c) */
		const struct acrn_value *bdf = &device->values[0], *gpu = &device->values[1];
		bool igpu = acrn_bdf_parse(bdf->text, &bus, &slot, &function) == 0 && bus == 0 &&
			    slot == 2 && function == 0;
		bool adds_lpc = vm->target->release >= R(2, 7) ? igpu : gpu->flag;
		acrn_device_owner(device, placed->device, owner);
		if (igpu && (placed->bus != 0 || placed->slot != 2))
			if (acrn_strings_addf(warnings,
					      "%s: the integrated GPU is at %d:%d.%d; guests expect it "
					      "at slot 2",
					      owner, placed->bus, placed->slot, placed->func) < 0)
				return -ENOMEM;
		for (size_t q = 0; adds_lpc && q < plan->device_count; q++) {
			const struct acrn_placed_device *other = &plan->devices[q];
			if (other->bus != 0 || other->slot != 31 || other->func != 0)
				continue;
			char taken[96];
			acrn_device_owner(&vm->devices[other->device - 1], other->device, taken);
			if (acrn_strings_addf(warnings,
					      "%s: slot 31 is taken by %s, so acrn-dm adds no igd-lpc "
					      "for the GPU",
					      owner, taken) < 0)
				return -ENOMEM;
		}
	}
	return 0;
}

int acrn_vm_check(const struct acrn_vm *vm, struct acrn_plan *plan, struct acrn_error *error)
{
	int rc = devices_check(vm, plan, error);
	if (rc == 0)
		rc = raw_check(vm, plan, error);
	if (rc == 0)
		rc = boot_check(vm, &plan->warnings);
	if (rc == 0)
		rc = gpu_check(vm, plan, &plan->warnings);
	return rc;
}
