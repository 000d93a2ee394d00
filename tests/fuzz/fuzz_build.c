/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: bytes -> a whole VM (any target, devices from the
 * catalogue at any bus:slot:func, any field and option values) ->
 * acrn_build -> acrn_plan_free.  Beyond "no crash, no leak, no undefined
 * behaviour", it checks what the core promises:
 *   - acrn_build returns 0, -EINVAL or -ENOSPC, with a message on failure;
 *   - the same VM builds to the same argv and warnings, byte for byte;
 *   - an accepted VM has no NUL, newline or CR in any argv element, and no
 *     text that goes inside a -s/-l value holds a ',' (acrn-dm would split);
 *   - every placed device points at its "-s" value, in bus:slot:func order;
 *   - acrn_command_line quotes the argv so that sh reads it back exactly;
 *   - acrn_device_render never writes past the buffer it is given.
 */
#include <errno.h>

#include "fuzz.h"

#define DEVICES_MAX 40

/* True when `field`'s text goes into a ','-split -s or -l value. */
static bool inside_config(const struct acrn_field *field)
{
	return field->render != ACRN_RENDER_NONE && field->render != ACRN_RENDER_OPTION;
}

/* Checks that no text in `value` (or what it holds) has a ','. */
static void no_comma(const struct acrn_field *field, const struct acrn_value *value,
		     const char *where)
{
	if (!value->set)
		return;
	/* a field that takes the rest of the string (mac_seed=) may hold
	 * commas: check_plan sees that it ends the string */
	if (value->text && !field->rest)
		FUZZ_ASSERT(!memchr(value->text, ',', value->length),
			    "%s: field %s accepted with ',' in \"%s\"", where, field->name,
			    value->text);
	if (field->type == ACRN_TYPE_LIST)
		for (size_t i = 0; i < value->count; i++)
			no_comma(field->element, &value->items[i], where);
	if ((field->type == ACRN_TYPE_RECORD || field->type == ACRN_TYPE_RECORDS) && value->items)
		for (size_t r = 0; r < value->count; r++)
			for (size_t f = 0; f < field->record->count; f++)
				no_comma(&field->record->fields[f],
					 &acrn_record_items(field, value, r)[f], where);
}

/* Reads back what acrn_command_line wrote, the way sh splits words made of
 * bare safe characters and '…' quotes with '\'' inside. */
static void check_command_line(const char *program, const struct acrn_strings *argv)
{
	char *line = acrn_command_line(program, argv);
	FUZZ_ASSERT(line, "acrn_command_line: out of memory");
	size_t length = strlen(line), word = 0;
	char *out = malloc(length + 1);
	const char *c = line;
	while (*c) {
		size_t at = 0;
		while (*c && *c != ' ') {
			if (*c == '\'') {
				c++;
				while (*c && *c != '\'')
					out[at++] = *c++;
				FUZZ_ASSERT(*c == '\'', "unterminated quote in %s", line);
				c++;
			} else if (*c == '\\') {
				FUZZ_ASSERT(c[1], "trailing backslash in %s", line);
				out[at++] = c[1];
				c += 2;
			} else {
				out[at++] = *c++;
			}
		}
		out[at] = '\0';
		const char *expected = word == 0 ? program : argv->items[word - 1];
		FUZZ_ASSERT(word <= argv->count, "more words than arguments in %s", line);
		FUZZ_ASSERT(strcmp(out, expected) == 0, "word %zu reads back as \"%s\", not \"%s\"",
			    word, out, expected);
		word++;
		if (*c == ' ')
			c++;
	}
	FUZZ_ASSERT(word == argv->count + 1, "%zu words for %zu arguments", word, argv->count);
	free(out);
	free(line);
}

static void same_strings(const struct acrn_strings *a, const struct acrn_strings *b,
			 const char *what)
{
	FUZZ_ASSERT(a->count == b->count, "%s: %zu then %zu items", what, a->count, b->count);
	for (size_t i = 0; i < a->count; i++)
		FUZZ_ASSERT(strcmp(a->items[i], b->items[i]) == 0, "%s[%zu]: \"%s\" then \"%s\"",
			    what, i, a->items[i], b->items[i]);
}

static void check_plan(const struct acrn_vm *vm, const struct acrn_plan *plan)
{
	size_t option_count;
	const struct acrn_option *options = acrn_options(&option_count);
	const struct acrn_strings *argv = &plan->argv;
	FUZZ_ASSERT(argv->count >= 1, "empty argv");
	FUZZ_ASSERT(argv->items[argv->count] == NULL, "argv not NULL-terminated");
	FUZZ_ASSERT(strcmp(argv->items[argv->count - 1], vm->name.text) == 0,
		    "the last argument \"%s\" is not the name", argv->items[argv->count - 1]);
	for (size_t i = 0; i < argv->count; i++)
		FUZZ_ASSERT(!strpbrk(argv->items[i], "\n\r"), "argv[%zu] \"%s\" has a line break",
			    i, argv->items[i]);
	FUZZ_ASSERT(plan->device_count == vm->device_count, "%zu placed of %zu devices",
		    plan->device_count, vm->device_count);
	for (size_t p = 0; p < plan->device_count; p++) {
		const struct acrn_placed_device *placed = &plan->devices[p];
		FUZZ_ASSERT(placed->device >= 1 && placed->device <= vm->device_count,
			    "placed device %zu", placed->device);
		FUZZ_ASSERT(placed->argument >= 1 && placed->argument < argv->count &&
				    strcmp(argv->items[placed->argument - 1], "-s") == 0,
			    "device %zu: argument %zu is not after a -s", placed->device,
			    placed->argument);
		if (p) {
			const struct acrn_placed_device *before = &plan->devices[p - 1];
			long a = ((long)before->bus << 16) | before->slot << 8 | before->func;
			long b = ((long)placed->bus << 16) | placed->slot << 8 | placed->func;
			FUZZ_ASSERT(a < b, "devices not in strict bus:slot:func order");
		}
	}
	for (size_t d = 0; d < vm->device_count; d++) {
		const struct acrn_device *device = &vm->devices[d];
		char where[64];
		snprintf(where, sizeof where, "device #%zu (%s)", d + 1, device->emulation->kind);
		for (size_t f = 0; f < device->emulation->field_count; f++)
			if (inside_config(&device->emulation->fields[f]))
				no_comma(&device->emulation->fields[f], &device->values[f], where);
		/* a field that takes the rest of the -s string ends it */
		for (size_t f = 0; f < device->emulation->field_count; f++) {
			const struct acrn_value *value = &device->values[f];
			if (!device->emulation->fields[f].rest || !value->set || !value->text ||
			    !memchr(value->text, ',', value->length))
				continue;
			for (size_t p = 0; p < plan->device_count; p++) {
				if (plan->devices[p].device != d + 1)
					continue;
				const char *arg = argv->items[plan->devices[p].argument];
				size_t length = strlen(arg);
				FUZZ_ASSERT(length > value->length &&
						    strcmp(arg + length - value->length,
							   value->text) == 0 &&
						    arg[length - value->length - 1] == '=',
					    "%s: %s with ',' does not end its -s string \"%s\"",
					    where, device->emulation->fields[f].name, arg);
			}
		}
	}
	for (size_t i = 0; i < option_count; i++)
		if (options[i].field.type == ACRN_TYPE_RECORD ||
		    options[i].field.type == ACRN_TYPE_RECORDS)
			no_comma(&options[i].field, &vm->options[i], options[i].field.name);
	check_command_line("/usr/bin/acrn-dm", argv);
}

/* Renders each device alone into a heap buffer of a chosen size, so that
 * AddressSanitizer sees any write past it. */
static void render_each(struct fuzz_input *in, const struct acrn_vm *vm)
{
	for (size_t d = 0; d < vm->device_count; d++) {
		size_t size = 1 + fuzz_below(in, 300);
		char *buffer = malloc(size);
		struct acrn_error error;
		int rc = acrn_device_render(vm, &vm->devices[d], d + 1, buffer, size, NULL, &error);
		FUZZ_ASSERT(rc == 0 || rc == -EINVAL || rc == -ENOSPC, "acrn_device_render: %d",
			    rc);
		if (rc == 0)
			FUZZ_ASSERT(strlen(buffer) < size, "rendered past the buffer");
		free(buffer);
	}
}

/* FUZZ_STATS=1: how many inputs built, and the first words of the refusals. */
static size_t built, refused;

static void print_stats(void)
{
	fprintf(stderr, "fuzz_build: %zu built, %zu refused\n", built, refused);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (getenv("FUZZ_STATS"))
		atexit(print_stats);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size, 0};
	struct fuzz_arena arena = {0};
	struct acrn_vm vm = {0};
	size_t count, option_count, emulation_count;
	const struct acrn_target *targets = acrn_targets(&count);
	const struct acrn_option *options = acrn_options(&option_count);
	const struct acrn_emulation *emulations = acrn_emulations(&emulation_count);
	static const char *const names[] = {"vm1", "a.b-c_d", "abcdefghijklmno", NULL};

	vm.target = &targets[fuzz_below(&in, (unsigned)count)];
	vm.facts = fuzz_chance(&in, 2) ? &fuzz_facts : NULL;
	if (!fuzz_chance(&in, 16)) {
		vm.name = (struct acrn_value){.set = true};
		vm.name.text = fuzz_chance(&in, 4) ? fuzz_text(&in, &arena, NULL, &vm.name.length)
						   : fuzz_text(&in, &arena, names, &vm.name.length);
	}
	for (size_t i = 0; i < option_count; i++)
		if (fuzz_chance(&in, 6))
			fuzz_value(&in, &arena, &options[i].field, &vm.options[i], 0);

	size_t device_count = fuzz_below(&in, DEVICES_MAX + 1);
	struct acrn_device *devices = fuzz_alloc(&arena, (device_count ? device_count : 1) *
								 sizeof *devices);
	for (size_t d = 0; d < device_count; d++) {
		struct acrn_device *device = &devices[d];
		device->emulation =
			d == 0 && !fuzz_chance(&in, 8)
				? &emulations[0]
				: &emulations[fuzz_below(&in, (unsigned)emulation_count)];
		/* mostly where a layout would put them; sometimes anywhere */
		if (fuzz_chance(&in, 8)) {
			device->bus = (int)fuzz_below(&in, 260) - 2;
			device->slot = (int)fuzz_below(&in, 36) - 2;
			device->func = (int)fuzz_below(&in, 10) - 2;
		} else {
			device->bus = fuzz_chance(&in, 8) ? 1 : 0;
			device->slot = device->emulation->role == ACRN_ROLE_HOSTBRIDGE ? 0
				       : fuzz_chance(&in, 4) ? (int)fuzz_below(&in, 32)
							     : (int)(3 + d % 27);
			device->func = fuzz_chance(&in, 8) ? (int)fuzz_below(&in, 8) : 0;
		}
		for (size_t f = 0; f < device->emulation->field_count; f++) {
			const struct acrn_field *field = &device->emulation->fields[f];
			if (field->required ? !fuzz_chance(&in, 16) : fuzz_chance(&in, 3))
				fuzz_value(&in, &arena, field, &device->values[f], 0);
		}
	}
	vm.devices = devices;
	vm.device_count = device_count;

	struct acrn_plan plan = {0}, again = {0};
	struct acrn_error error, error_again;
	int rc = acrn_build(&vm, &plan, &error);
	FUZZ_ASSERT(rc == 0 || rc == -EINVAL || rc == -ENOSPC, "acrn_build returned %d", rc);
	if (rc == 0)
		built++;
	else
		refused++;
	if (rc < 0 && getenv("FUZZ_STATS") && *getenv("FUZZ_STATS") == '2')
		fprintf(stderr, "refused: %s\n", error.message);
	if (rc < 0) {
		FUZZ_ASSERT(error.message[0], "a failure without a message");
		FUZZ_ASSERT(error.device <= vm.device_count, "error names device %zu of %zu",
			    error.device, vm.device_count);
	} else {
		check_plan(&vm, &plan);
	}
	int rc_again = acrn_build(&vm, &again, &error_again);
	FUZZ_ASSERT(rc == rc_again, "built %d, then %d", rc, rc_again);
	if (rc == 0) {
		same_strings(&plan.argv, &again.argv, "argv");
		same_strings(&plan.warnings, &again.warnings, "warnings");
	} else {
		FUZZ_ASSERT(strcmp(error.message, error_again.message) == 0,
			    "failed with \"%s\", then \"%s\"", error.message, error_again.message);
	}
	acrn_plan_free(&plan);
	acrn_plan_free(&again);
	render_each(&in, &vm);
	fuzz_arena_free(&arena);
	return 0;
}
