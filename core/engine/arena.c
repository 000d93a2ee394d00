/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Memory that lives and dies together: the blocks of an arena are freed at
 * once.  A checked plan owns its VM this way: acrn_vm_copy copies a VM
 * (whose strings and arrays belong to the caller, a Lua state say) into an
 * arena, guided by the catalogue's fields.
 */
#include "internal.h"

#include <errno.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

struct acrn_arena_block {
	struct acrn_arena_block *next;
	size_t size, used;
	alignas(max_align_t) unsigned char bytes[];
};

void *acrn_arena_alloc(struct acrn_arena *arena, size_t size)
{
	const size_t align = alignof(max_align_t);
	size = (size + align - 1) / align * align;
	struct acrn_arena_block *block = arena->blocks;
	if (!block || block->size - block->used < size) {
		size_t capacity = size > 4096 ? size : 4096;
		block = malloc(sizeof *block + capacity);
		if (!block)
			return NULL;
		block->size = capacity;
		block->used = 0;
		block->next = arena->blocks;
		arena->blocks = block;
	}
	void *memory = block->bytes + block->used;
	block->used += size;
	memset(memory, 0, size);
	return memory;
}

char *acrn_arena_copy(struct acrn_arena *arena, const char *text, size_t length)
{
	char *copy = acrn_arena_alloc(arena, length + 1);
	if (copy)
		memcpy(copy, text, length);
	return copy;
}

void acrn_arena_free(struct acrn_arena *arena)
{
	while (arena->blocks) {
		struct acrn_arena_block *next = arena->blocks->next;
		free(arena->blocks);
		arena->blocks = next;
	}
}

/* How many items a value of `field` holds. */
static size_t item_count(const struct acrn_field *field, const struct acrn_value *value)
{
	switch (field->type) {
	case ACRN_TYPE_LIST:
		return value->count;
	case ACRN_TYPE_RECORD:
		return value->items ? field->record->count : 0;
	case ACRN_TYPE_RECORDS:
		return value->items ? value->count * field->record->count : 0;
	default:
		return 0;
	}
}

static int copy_value(const struct acrn_field *field, const struct acrn_value *from,
		      struct acrn_value *to, struct acrn_arena *arena)
{
	*to = *from;
	if (!from->set)
		return 0;
	if (from->text) {
		to->text = acrn_arena_copy(arena, from->text, from->length);
		if (!to->text)
			return -ENOMEM;
	}
	size_t count = item_count(field, from);
	if (!count || !from->items)
		return 0;
	struct acrn_value *items = acrn_arena_alloc(arena, count * sizeof *items);
	if (!items)
		return -ENOMEM;
	to->items = items;
	for (size_t i = 0; i < count; i++) {
		const struct acrn_field *inner =
			field->type == ACRN_TYPE_LIST
				? field->element
				: &field->record->fields[i % field->record->count];
		int rc = copy_value(inner, &from->items[i], &items[i], arena);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* A copy of `text` in the arena (NULL stays NULL); false when out of
 * memory. */
static bool copy_text(const char *text, const char **to, struct acrn_arena *arena)
{
	*to = text ? acrn_arena_copy(arena, text, strlen(text)) : NULL;
	return !text || *to;
}

static int copy_facts(const struct acrn_host_facts *from, const struct acrn_host_facts **to,
		      struct acrn_arena *arena)
{
	struct acrn_host_facts *facts = acrn_arena_alloc(arena, sizeof *facts);
	struct acrn_cpu *cpus = acrn_arena_alloc(arena, from->cpu_count * sizeof *cpus + 1);
	struct acrn_input *inputs = acrn_arena_alloc(arena, from->input_count * sizeof *inputs + 1);
	if (!facts || !cpus || !inputs)
		return -ENOMEM;
	memcpy(cpus, from->cpus, from->cpu_count * sizeof *cpus);
	*facts = (struct acrn_host_facts){.cpus = cpus,
					  .cpu_count = from->cpu_count,
					  .inputs = inputs,
					  .input_count = from->input_count};
	bool copied = copy_text(from->source, &facts->source, arena) &&
		      copy_text(from->inputs_source, &facts->inputs_source, arena);
	for (size_t i = 0; copied && i < from->input_count; i++) {
		inputs[i].event = from->inputs[i].event;
		copied = copy_text(from->inputs[i].name, &inputs[i].name, arena) &&
			 copy_text(from->inputs[i].phys, &inputs[i].phys, arena);
	}
	*to = facts;
	return copied ? 0 : -ENOMEM;
}

int acrn_vm_copy(const struct acrn_vm *from, struct acrn_vm *to, struct acrn_arena *arena)
{
	static const struct acrn_field name_field = {.name = "name", .type = ACRN_TYPE_VMNAME};
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	*to = (struct acrn_vm){.target = from->target};
	int rc = copy_value(&name_field, &from->name, &to->name, arena);
	for (size_t i = 0; rc == 0 && i < count; i++)
		rc = copy_value(&options[i].field, &from->options[i], &to->options[i], arena);
	struct acrn_device *devices = NULL;
	if (rc == 0 && from->device_count) {
		devices = acrn_arena_alloc(arena, from->device_count * sizeof *devices);
		rc = devices ? 0 : -ENOMEM;
	}
	for (size_t d = 0; rc == 0 && d < from->device_count; d++) {
		const struct acrn_device *device = &from->devices[d];
		devices[d] = (struct acrn_device){.emulation = device->emulation,
						  .bus = device->bus,
						  .slot = device->slot,
						  .func = device->func};
		for (size_t f = 0; rc == 0 && f < device->emulation->field_count; f++)
			rc = copy_value(&device->emulation->fields[f], &device->values[f],
					&devices[d].values[f], arena);
	}
	to->devices = devices;
	to->device_count = from->device_count;
	if (rc == 0 && from->facts)
		rc = copy_facts(from->facts, &to->facts, arena);
	return rc;
}
