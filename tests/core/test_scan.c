/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Scanning, the way back from acrn-dm's words: for every emulation and
 * every option, on every target that has it, a VM made from the
 * catalogue's own data renders, scans back and renders the same argv with
 * the same values (a deterministic walk: ordinary values first, fields
 * added one by one, forwards and backwards); then the spellings acrn-dm is
 * lenient about, and what it refuses.
 */
#include "vm_helpers.h"

#include "internal.h"

#include <stdlib.h>

/* ---- equality of values, by what they mean -------------------------------- */

static bool same(const struct acrn_field *field, const struct acrn_value *a,
		 const struct acrn_value *b);

static bool same_items(const struct acrn_field *field, const struct acrn_value *a,
		       const struct acrn_value *b, size_t index)
{
	const struct acrn_value *x = acrn_record_items(field, a, index);
	const struct acrn_value *y = acrn_record_items(field, b, index);
	for (size_t f = 0; f < field->record->count; f++)
		if (!same(&field->record->fields[f], &x[f], &y[f]))
			return false;
	return true;
}

static bool same(const struct acrn_field *field, const struct acrn_value *a,
		 const struct acrn_value *b)
{
	bool used_a = acrn_value_used(field, a), used_b = acrn_value_used(field, b);
	unsigned x[3], y[3];
	char one[32], other[32];
	if (!used_a || !used_b)
		return used_a == used_b;
	bool flag_a = field->flag_ok && a->flag && !a->text && !a->items;
	bool flag_b = field->flag_ok && b->flag && !b->text && !b->items;
	if (flag_a || flag_b)
		return flag_a == flag_b;
	switch (field->type) {
	case ACRN_TYPE_BOOL:
		return true;
	case ACRN_TYPE_INTEGER:
		return a->number == b->number;
	case ACRN_TYPE_BDF:
		return acrn_bdf_parse(a->text, &x[0], &x[1], &x[2]) == 0 &&
		       acrn_bdf_parse(b->text, &y[0], &y[1], &y[2]) == 0 &&
		       memcmp(x, y, sizeof x) == 0;
	case ACRN_TYPE_MEMORY:
		snprintf(one, sizeof one, "%lldM", a->number);
		snprintf(other, sizeof other, "%lldM", b->number);
		return strcmp(a->text ? a->text : one, b->text ? b->text : other) == 0;
	case ACRN_TYPE_LIST:
		if (a->count != b->count)
			return false;
		for (size_t i = 0; i < a->count; i++)
			if (!same(field->element, &a->items[i], &b->items[i]))
				return false;
		return true;
	case ACRN_TYPE_RECORD:
		return same_items(field, a, b, 0);
	case ACRN_TYPE_RECORDS:
		if (a->count != b->count)
			return false;
		for (size_t i = 0; i < a->count; i++)
			if (!same_items(field, a, b, i))
				return false;
		return true;
	default:
		return a->length == b->length && memcmp(a->text, b->text, a->length) == 0;
	}
}

/* ---- values made from the catalogue's data -------------------------------- */

/* Ordinary texts, one of which fits each string field's rule. */
static const char *const strings[] =
	{"x1",       "4096/512",         "2048/204800", "8:1:0", "1920x1080+0+0",
	 "512K",     "pty,/run/acrn/pm", "1-2",         "8/24",  "reset=vreset",
	 "64 448 8", "MSFT0101",         "3",           "power", "seed:7-vm1"};

/* The `index`th candidate value of a field that holds no table, or false
 * when there are no more. */
static bool candidate(const struct acrn_field *field, size_t index, struct acrn_value *value)
{
	static const long long numbers[] = {3, 4, 8, 0x3e8, 1000};
	switch (field->type) {
	case ACRN_TYPE_BOOL:
		*value = yes();
		return index == 0;
	case ACRN_TYPE_INTEGER:
		if (index < 2) {
			*value = num(index == 0 ? field->min : field->max);
			return true;
		}
		if (index - 2 >= sizeof numbers / sizeof numbers[0])
			return false;
		*value = num(numbers[index - 2]);
		return true;
	case ACRN_TYPE_CHOICE:
		for (size_t i = 0; field->choices[i].name; i++)
			if (i == index) {
				*value = text(field->choices[i].name);
				return true;
			}
		return false;
	case ACRN_TYPE_STRING:
		if (index >= sizeof strings / sizeof strings[0])
			return false;
		*value = text(strings[index]);
		return true;
	default:
		break;
	}
	static const char *const by_type[][2] = {
		[ACRN_TYPE_PATH] = {"/var/lib/acrn/a.img", "/dev/pts/4"},
		[ACRN_TYPE_MAC] = {"02:00:00:00:00:01", NULL},
		[ACRN_TYPE_IFNAME] = {"tap0", NULL},
		[ACRN_TYPE_UUID] = {"0d5a9a5e-3bb4-4a39-9e0d-4d2c1b0e6a11", NULL},
		[ACRN_TYPE_MEMORY] = {"2048M", "1G"},
		[ACRN_TYPE_BOOTARGS] = {"root=/dev/vda1 rw", NULL},
		[ACRN_TYPE_VMNAME] = {"t", NULL},
		[ACRN_TYPE_UART] = {"/dev/ttyS1", "tcp:4444"},
		[ACRN_TYPE_BDF] = {"00:1f.3", "0/2/0"},
	};
	if (field->type >= sizeof by_type / sizeof by_type[0] || index > 1 ||
	    !by_type[field->type][index])
		return false;
	*value = text(by_type[field->type][index]);
	return true;
}

/* Where a value is made: the VM it is checked in. */
static struct acrn_context context_for(const char *owner, struct acrn_error *failure)
{
	return (struct acrn_context){.vm = &vm, .owner = owner, .in_config = true, .error = failure};
}

/* Whether `value` of `field` is valid and renders to something else than
 * `before` (the field's rendering without it). */
static bool valid_and_rendered(const struct acrn_field *field, const struct acrn_value *value,
			       const char *before)
{
	struct acrn_error failure;
	struct acrn_context context = context_for("t", &failure);
	char text_buffer[4 * ACRN_PATH_MAX];
	if (acrn_value_check(&context, field, value) != 0)
		return false;
	if (acrn_render_value(&context, field, value, text_buffer, sizeof text_buffer) != 0)
		return false;
	return strcmp(text_buffer, before) != 0;
}

static bool make_value(const struct acrn_field *field, bool forward, struct acrn_value *value);

/* One table of `field`'s record: its required fields, then each other
 * field added where it keeps the table valid and shows in its rendering. */
static bool make_record(const struct acrn_field *field, bool forward, struct acrn_value *items)
{
	const struct acrn_record *record = field->record;
	struct acrn_field one = *field;
	one.type = ACRN_TYPE_RECORD;
	struct acrn_value whole = {.set = true, .items = items, .count = 1};
	for (size_t f = 0; f < record->count; f++)
		if (record->fields[f].required &&
		    !make_value(&record->fields[f], forward, &items[f]))
			return false;
	for (size_t k = 0; k < record->count; k++) {
		size_t f = forward ? k : record->count - 1 - k;
		char before[4 * ACRN_PATH_MAX] = "";
		struct acrn_error failure;
		struct acrn_context context = context_for("t", &failure);
		if (record->fields[f].required)
			continue;
		acrn_render_value(&context, &one, &whole, before, sizeof before);
		for (size_t c = 0; c < 16; c++) {
			struct acrn_value inner;
			if (record->fields[f].type >= ACRN_TYPE_LIST) {
				if (c > 0 || !make_value(&record->fields[f], forward, &inner))
					break;
			} else if (!candidate(&record->fields[f], c, &inner)) {
				break;
			}
			items[f] = inner;
			if (valid_and_rendered(&one, &whole, before))
				break;
			items[f] = (struct acrn_value){0};
		}
	}
	return true;
}

/* A value of `field`: the first candidate that is valid on its own. */
static bool make_value(const struct acrn_field *field, bool forward, struct acrn_value *value)
{
	struct acrn_error failure;
	struct acrn_context context = context_for("t", &failure);
	if (field->type == ACRN_TYPE_LIST) {
		struct acrn_value *list = items(2);
		size_t count = 0;
		for (size_t c = 0; c < 16 && count < 2; c++) {
			struct acrn_value one = {.set = true, .items = list, .count = count + 1};
			if (field->element->type == ACRN_TYPE_RECORD) {
				/* a list of tables (i2c clients) */
				struct acrn_value *table = items(field->element->record->count);
				if (c > 1 || !make_record(field->element, forward, table))
					break;
				list[count] = (struct acrn_value){.set = true,
								  .items = table,
								  .count = 1};
			} else if (!candidate(field->element, c, &list[count])) {
				break;
			}
			if (acrn_value_check(&context, field, &one) == 0)
				count++;
		}
		*value = (struct acrn_value){.set = true, .items = list, .count = count};
		return count > 0;
	}
	if (field->type == ACRN_TYPE_RECORD || field->type == ACRN_TYPE_RECORDS) {
		struct acrn_value *table = items(field->record->count);
		if (!make_record(field, forward, table))
			return false;
		*value = (struct acrn_value){.set = true, .items = table, .count = 1};
		return acrn_value_check(&context, field, value) == 0;
	}
	for (size_t c = 0; c < 16; c++)
		if (candidate(field, c, value) && acrn_value_check(&context, field, value) == 0)
			return true;
	return false;
}

/* ---- the round trip --------------------------------------------------------- */

static char rendered[64][4 * ACRN_PATH_MAX];
static size_t rendered_count;

/* Builds `vm`; keeps its argv in `rendered`.  False when it does not build. */
static bool render_vm(void)
{
	if (build() != 0)
		return false;
	assert_true(plan.argv.count <= 64);
	for (size_t i = 0; i < plan.argv.count; i++)
		snprintf(rendered[i], sizeof rendered[i], "%s", plan.argv.items[i]);
	rendered_count = plan.argv.count;
	return true;
}

/* Whether the argv of the last build differs from `rendered`. */
static bool argv_changed(size_t count, char (*before)[4 * ACRN_PATH_MAX])
{
	if (plan.argv.count != count)
		return true;
	for (size_t i = 0; i < count; i++)
		if (strcmp(plan.argv.items[i], before[i]) != 0)
			return true;
	return false;
}

/* Scans the argv in `rendered` back into `back` (devices into
 * `back_devices`), as import does. */
static void scan_back(struct acrn_vm *back, struct acrn_device *back_devices,
		      struct acrn_arena *arena)
{
	const char *argv[64];
	struct acrn_words words;
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	for (size_t i = 0; i < rendered_count; i++)
		argv[i] = rendered[i];
	*back = (struct acrn_vm){.target = vm.target, .devices = back_devices};
	int rc = acrn_scan_argv(vm.target, argv, rendered_count, &words, &error);
	if (rc)
		print_error("scan_argv: %s\n", error.message);
	assert_int_equal(rc, 0);
	for (size_t w = 0; w < words.count; w++) {
		const struct acrn_word *word = &words.items[w];
		struct acrn_device *device = NULL;
		const struct acrn_emulation *emulation;
		size_t field;
		struct acrn_value value;
		switch (word->kind) {
		case ACRN_WORD_OPTION:
			rc = acrn_scan_option(vm.target, (size_t)word->option, word->value,
					      &back->options[word->option], arena, &error);
			(void)options;
			break;
		case ACRN_WORD_DEVICE: {
			device = &back_devices[back->device_count++];
			char slot_text[32];
			const char *comma = strchr(word->value, ',');
			bool junk;
			assert_non_null(comma);
			snprintf(slot_text, sizeof slot_text, "%.*s", (int)(comma - word->value),
				 word->value);
			rc = acrn_scan_device(vm.target, comma + 1, device, arena, &error);
			if (rc == 0)
				rc = acrn_scan_slot(slot_text, &device->bus, &device->slot,
						    &device->func, &junk, &error);
			if (rc == 0)
				assert_false(junk);
			break;
		}
		case ACRN_WORD_DEVICE_OPTION:
			rc = acrn_scan_device_option(vm.target, word->key, word->value, &emulation,
						     &field, &value, arena, &error);
			for (size_t d = back->device_count; rc == 0 && d-- > 0;)
				if (back_devices[d].emulation == emulation) {
					back_devices[d].values[field] = value;
					break;
				}
			break;
		case ACRN_WORD_NAME:
			back->name = text(word->value);
			break;
		default:
			print_error("unexpected word %s\n", word->key);
			fail();
		}
		if (rc)
			print_error("scanning %s %s: %s\n", word->key ? word->key : "",
				    word->value ? word->value : "", error.message);
		assert_int_equal(rc, 0);
	}
	acrn_words_free(&words);
}

/* The VM in `vm` renders, scans back, and renders the same with the same
 * values. */
static void round_trip(void)
{
	struct acrn_vm back;
	struct acrn_device back_devices[DEVICES_MAX];
	struct acrn_arena arena = {0};
	struct acrn_plan again = {0};
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	assert_true(render_vm());
	scan_back(&back, back_devices, &arena);
	int rc = acrn_build(&back, &again, &error);
	if (rc)
		print_error("the VM scanned back does not build: %s\n", error.message);
	assert_int_equal(rc, 0);
	assert_int_equal(again.argv.count, rendered_count);
	for (size_t i = 0; i < rendered_count; i++)
		assert_string_equal(again.argv.items[i], rendered[i]);
	assert_int_equal(back.device_count, vm.device_count);
	for (size_t d = 0; d < vm.device_count; d++) {
		const struct acrn_emulation *emulation = vm.devices[d].emulation;
		assert_ptr_equal(back_devices[d].emulation, emulation);
		for (size_t f = 0; f < emulation->field_count; f++)
			if (!same(&emulation->fields[f], &vm.devices[d].values[f],
				  &back_devices[d].values[f])) {
				print_error("%s on %s: field %s differs after %s\n",
					    emulation->kind, vm.target->name,
					    emulation->fields[f].name, rendered[2 * d + 1]);
				fail();
			}
	}
	for (size_t i = 0; i < count; i++) {
		if (!vm.options[i].set || !options[i].field.key)
			continue;
		/* options of one spelling (-W, --psram) come back as the first */
		const struct acrn_field *field = &options[i].field;
		const char *key = field->renamed_key && vm.target->release >= field->renamed_since
					  ? field->renamed_key
					  : field->key;
		const char *pair[] = {key, "x"};
		struct acrn_words words;
		assert_int_equal(acrn_scan_argv(vm.target, pair, 2, &words, &error), 0);
		size_t j = (size_t)words.items[0].option;
		acrn_words_free(&words);
		if (!same(field, &vm.options[i], &back.options[j])) {
			print_error("option %s on %s differs\n", field->name, vm.target->name);
			fail();
		}
	}
	acrn_plan_free(&again);
	acrn_arena_free(&arena);
}

/* Sets `value` (of a device field or option) to the first candidate that
 * builds and shows in the argv; false when none does. */
static bool add_to_vm(const struct acrn_field *field, bool forward, struct acrn_value *value)
{
	static char before[64][4 * ACRN_PATH_MAX];
	size_t before_count = rendered_count, saved_pool = pool_used;
	memcpy(before, rendered, sizeof before);
	/* a flag_ok field given as true: first forwards, last backwards */
	bool flag_tried = false;
	for (size_t c = 0; c < 17; c++) {
		size_t k = field->flag_ok && forward ? c - 1 : c;
		bool got;
		if (field->flag_ok && forward && c == 0) {
			*value = yes();
			got = flag_tried = true;
		} else if (field->type >= ACRN_TYPE_LIST || field->type == ACRN_TYPE_MEMORY) {
			got = k == 0 && make_value(field, forward, value);
		} else {
			got = candidate(field, k, value);
		}
		if (!got && field->flag_ok && !flag_tried) {
			*value = yes();
			got = flag_tried = true;
		}
		if (!got)
			break;
		if (build() == 0 && argv_changed(before_count, before)) {
			assert_true(render_vm());
			return true;
		}
	}
	*value = (struct acrn_value){0};
	pool_used = saved_pool;
	memcpy(rendered, before, sizeof before);
	rendered_count = before_count;
	return false;
}

/* Which fields came back at least once, on some target. */
static bool covered[64][ACRN_FIELDS_MAX], option_covered[ACRN_OPTIONS_MAX];

/* Every emulation on every target that has it: its required fields, then
 * every other field that builds, forwards and backwards. */
static void every_emulation(void **state)
{
	(void)state;
	size_t target_count, emulation_count;
	const struct acrn_target *targets = acrn_targets(&target_count);
	const struct acrn_emulation *emulations = acrn_emulations(&emulation_count);
	size_t trips = 0;
	assert_true(emulation_count <= 64);
	for (size_t t = 0; t < target_count; t++)
		for (size_t e = 0; e < emulation_count; e++) {
			const struct acrn_emulation *emulation = &emulations[e];
			if (acrn_accepts(&emulation->releases, &targets[t]) == ACRN_REFUSED)
				continue;
			for (int forward = 0; forward < 2; forward++) {
				vm_new(targets[t].name, "t");
				struct acrn_device *device;
				if (emulation->role == ACRN_ROLE_HOSTBRIDGE) {
					device = add(emulation->kind, 0, 0, 0);
				} else {
					add_hostbridge();
					device = add(emulation->kind, 0, 3, 0);
				}
				bool ok = true;
				for (size_t f = 0; f < emulation->field_count && ok; f++)
					if (emulation->fields[f].required)
						ok = make_value(&emulation->fields[f], forward,
								&device->values[f]);
				assert_true(ok);
				/* the fields one by one, each kept where the VM then builds */
				rendered_count = 0;
				render_vm();
				for (size_t k = 0; k < emulation->field_count; k++) {
					size_t f = forward ? k : emulation->field_count - 1 - k;
					/* what is found at launch scans back as what it found */
					if (emulation->fields[f].required ||
					    emulation->fields[f].at_launch)
						continue;
					add_to_vm(&emulation->fields[f], forward,
						  &device->values[f]);
				}
				if (!render_vm())
					continue; /* needs a combination the walk does not make */
				round_trip();
				trips++;
				for (size_t f = 0; f < emulation->field_count; f++)
					covered[e][f] |= device->values[f].set;
			}
		}
	/* every field that shows in the argv came back somewhere */
	for (size_t e = 0; e < emulation_count; e++) {
		bool any_target = false;
		for (size_t t = 0; t < target_count; t++)
			any_target |= acrn_accepts(&emulations[e].releases, &targets[t]) !=
				      ACRN_REFUSED;
		assert_true(any_target);
		for (size_t f = 0; f < emulations[e].field_count; f++) {
			const struct acrn_field *field = &emulations[e].fields[f];
			bool bookkeeping =
				field->render == ACRN_RENDER_NONE &&
				(field->at_launch || !strcmp(field->name, "macvtap") ||
				 !strcmp(field->name, "create") || !strcmp(field->name, "bridge") ||
				 !strcmp(field->name, "drive") || !strcmp(field->name, "prepare"));
			if (covered[e][f] == bookkeeping)
				print_error("%s.%s: %s\n", emulations[e].kind, field->name,
					    bookkeeping ? "bookkeeping, yet rendered"
							: "never rendered and scanned back");
			assert_true(covered[e][f] != bookkeeping);
		}
	}
	assert_true(trips > 500);
}

/* Every option on every target that has it. */
static void every_option(void **state)
{
	(void)state;
	size_t target_count, option_count;
	const struct acrn_target *targets = acrn_targets(&target_count);
	const struct acrn_option *options = acrn_options(&option_count);
	for (size_t t = 0; t < target_count; t++)
		for (size_t i = 0; i < option_count; i++) {
			if (!options[i].field.key)
				continue; /* raw: words of their own */
			for (int forward = 0; forward < 2; forward++) {
				vm_new(targets[t].name, "t");
				add_hostbridge();
				if (options[i].into_devices_since) {
					/* a NIC to inherit it from 3.0 */
					struct acrn_device *nic = add("virtio-net", 0, 3, 0);
					*field(nic, "tap") = text("tap0");
				}
				assert_true(render_vm());
				if (!add_to_vm(&options[i].field, forward, &vm.options[i]))
					continue;
				if (options[i].into_devices_since &&
				    targets[t].release >= options[i].into_devices_since) {
					/* it came back as the NIC's own */
					assert_true(render_vm());
					continue;
				}
				round_trip();
				option_covered[i] = true;
			}
		}
	for (size_t i = 0; i < option_count; i++) {
		if (options[i].field.key && !option_covered[i])
			print_error("option %s never scanned back\n", options[i].field.name);
		assert_true(!options[i].field.key || option_covered[i]);
	}
}

/* ---- what acrn-dm is lenient about -------------------------------------------- */

static struct acrn_arena arena;

/* Scans "-s" text `config` for `target`: the return code. */
static int scan(const char *target, const char *config, struct acrn_device *device)
{
	memset(&error, 0, sizeof error);
	return acrn_scan_device(acrn_target_find(target), config, device, &arena, &error);
}

/* Renders `device` alone for `target` after "-s 3,". */
static const char *render(const char *target, const struct acrn_device *device)
{
	static char buffer[4 * ACRN_PATH_MAX];
	struct acrn_vm alone = {.target = acrn_target_find(target)};
	int rc = acrn_device_render(&alone, device, 1, buffer, sizeof buffer, NULL, &error);
	if (rc)
		print_error("render: %s\n", error.message);
	assert_int_equal(rc, 0);
	return buffer;
}

/* `config` scans for `target` and renders as `canonical`. */
static void reads_as(const char *target, const char *config, const char *canonical)
{
	struct acrn_device device;
	int rc = scan(target, config, &device);
	if (rc)
		print_error("%s: %s\n", config, error.message);
	assert_int_equal(rc, 0);
	assert_string_equal(render(target, &device), canonical);
}

/* `config` does not scan for `target`: `code`, and the message has `word`. */
static void refused(const char *target, const char *config, int code, const char *word)
{
	struct acrn_device device;
	int rc = scan(target, config, &device);
	if (rc != code || !strstr(error.message, word))
		print_error("%s: %d %s\n", config, rc, error.message);
	assert_int_equal(rc, code);
	assert_non_null(strstr(error.message, word));
}

static int free_arena(void **state)
{
	(void)state;
	acrn_arena_free(&arena);
	acrn_plan_free(&plan);
	return 0;
}

static void lenient_devices(void **state)
{
	(void)state;
	/* xhci: ',' and ':' alike, empty pieces, log= by its first letter */
	reads_as("3.3", "xhci,1-2,2-4:tablet", "xhci,1-2:2-4:tablet");
	reads_as("3.3", "xhci,1-2::cap=apl,log=info", "xhci,1-2:log=I:cap=apl");
	reads_as("2.7", "xhci,tablet:log=verbose", "xhci,tablet:log=V");
	reads_as("2.7", "xhci,1-1:log=zz", "xhci,1-1:log=F");
	/* host devices in every form acrn-dm reads */
	reads_as("1.6.1", "passthru,02/0/0", "passthru,2/0/0");
	reads_as("3.3", "passthru,0/1f/3,keep_gsi", "passthru,0/1f/3,keep_gsi");
	reads_as("3.3", "passthru,00:1f.3", "passthru,0/1f/3");
	reads_as("3.3", "passthru,0.1f.3", "passthru,0/1f/3");
	reads_as("3.3", "passthru,0/2/0,vmsix_on_msi,2", "passthru,0/2/0,vmsix_on_msi,2");
	/* options in any order; the boot flag; mac_seed takes the rest */
	reads_as("2.7", "virtio-blk,b,/data/c.img,writeback,ro",
		 "virtio-blk,b,/data/c.img,ro,writeback");
	reads_as("3.3", "virtio-blk,mq=2,iothread,/a.img", "virtio-blk,iothread,mq=2,/a.img");
	reads_as("3.3", "virtio-net,tap=WaaG,mac_seed=00:16:3e:12:34:56-POST,vhost",
		 "virtio-net,tap=WaaG,mac_seed=00:16:3e:12:34:56-POST,vhost");
	reads_as("2.7", "virtio-net,tap0,mac=02:00:00:00:00:09,vhost",
		 "virtio-net,tap0,vhost,mac=02:00:00:00:00:09");
	/* console ports; the default name */
	reads_as("3.3", "virtio-console,@stdio:stdio_port,socket:s=/run/s.sock:client,pty:p",
		 "virtio-console,@stdio:stdio_port,socket:s=/run/s.sock:client,pty:p");
	reads_as("3.3", "ahci,/a.img,writeback,cd:/b.iso,ro",
		 "ahci,hd:/a.img,writeback,cd:/b.iso,ro");
	reads_as("3.3", "virtio-i2c,0:1c@cam1:0x2d,3", "virtio-i2c,0:1c@cam1:2d,3");
	reads_as("3.3", "virtio-gpio,@gpiochip0{3:reset=vreset}@gpiochip1{power}",
		 "virtio-gpio,@gpiochip0{3:reset=vreset}@gpiochip1{power}");
	reads_as("3.3", "ivshmem,hv:/shm0,2,1", "ivshmem,hv:/shm0,2,1");
	reads_as("3.3", "uart,vuart_idx:3", "uart,vuart_idx:3");
	reads_as("2.7", "npk,8/24", "npk,8/24");
	reads_as("2.7", "virtio-heci,0/0f/0,d2", "virtio-heci,0/f/0,d2");
	reads_as("2.7", "virtio-rpmb", "virtio-rpmb");
	reads_as("3.3", "virtio-gpu,geometry=fullscreen:0,geometry=800x600+0+0",
		 "virtio-gpu,geometry=fullscreen:0,geometry=800x600+0+0");
}

static void lenient_slots_and_words(void **state)
{
	(void)state;
	struct {
		const char *text;
		int bus, slot, func;
		bool junk;
	} slots[] = {{"3", 0, 3, 0, false},   {"3:0", 0, 3, 0, false},   {"0:3:0", 0, 3, 0, false},
		     {"1:0", 0, 1, 0, false}, {"0:0:2", 0, 0, 2, false}, {"31:0", 0, 31, 0, false},
		     {"03", 0, 3, 0, false},  {"3x", 0, 3, 0, true},     {"2:1:0", 2, 1, 0, false}};
	for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
		int bus, slot, func;
		bool junk;
		assert_int_equal(acrn_scan_slot(slots[i].text, &bus, &slot, &func, &junk, &error),
				 0);
		assert_int_equal(bus, slots[i].bus);
		assert_int_equal(slot, slots[i].slot);
		assert_int_equal(func, slots[i].func);
		assert_int_equal(junk, slots[i].junk);
	}
	int bus, slot, func;
	bool junk;
	assert_int_equal(acrn_scan_slot("x", &bus, &slot, &func, &junk, &error), -EINVAL);
	assert_non_null(strstr(error.message, "is not a slot"));
	assert_int_equal(acrn_scan_slot("32", &bus, &slot, &func, &junk, &error), -EINVAL);
	assert_non_null(strstr(error.message, "out of range"));

	/* getopt_long: =, glued values, prefixes, clusters, -- and the name */
	const char *argv[] =
		{"--memsize=512M", "-Am1G", "--mem", "2G", "-lcom1,stdio", "--lpc", "COM2",
		 "--ovm=/o.fd",    "-W",    "--",    "-x"};
	struct acrn_words words;
	const struct acrn_target *t27 = acrn_target_find("2.7");
	assert_int_equal(acrn_scan_argv(t27, argv, 11, &words, &error), 0);
	assert_int_equal(words.count, 9);
	const char *keys[] = {"-m", "-A", "-m", "-m", "-l", "-l", "--ovmf", "-W", NULL};
	const char *values[] = {"512M", NULL,    "1G", "2G", "com1,stdio",
				"COM2", "/o.fd", NULL, "-x"};
	for (size_t i = 0; i < 9; i++) {
		if (keys[i])
			assert_string_equal(words.items[i].key, keys[i]);
		if (values[i])
			assert_string_equal(words.items[i].value, values[i]);
		else
			assert_null(words.items[i].value);
	}
	assert_int_equal(words.items[4].kind, ACRN_WORD_DEVICE_OPTION);
	assert_int_equal(words.items[7].option, acrn_option_find("virtio_msi"));
	assert_int_equal(words.items[8].kind, ACRN_WORD_NAME);
	acrn_words_free(&words);

	/* -l and its lpc field, in any case */
	const struct acrn_emulation *emulation;
	size_t index;
	struct acrn_value value;
	assert_int_equal(acrn_scan_device_option(t27, "-l", "COM2,tcp:4444", &emulation, &index,
						 &value, &arena, &error),
			 0);
	assert_string_equal(emulation->kind, "lpc");
	assert_string_equal(emulation->fields[index].name, "com2");
	assert_string_equal(value.text, "tcp:4444");
	assert_int_equal(acrn_scan_device_option(acrn_target_find("3.3"), "-l",
						 "com5,stdio,0x3e8,7", &emulation, &index, &value,
						 &arena, &error),
			 0);
	assert_int_equal(value.items[1].number, 0x3e8);
	assert_int_equal(value.items[2].number, 7);

	/* a prefix is decided by the target's names; -U is still read on 2.7,
	 * with the releases that have it, for the caller to refuse */
	const char *prefix[] = {"--virtio_m", "-U", "495ae2e5-2603-4d64-af76-d4bc5a8ec0e5", "v"};
	assert_int_equal(acrn_scan_argv(acrn_target_find("3.3"), prefix, 1, &words, &error), 0);
	assert_string_equal(words.items[0].key, "--virtio_msi");
	acrn_words_free(&words);
	assert_int_equal(acrn_scan_argv(NULL, prefix, 1, &words, &error), -EINVAL);
	assert_non_null(strstr(error.message, "--virtio_m is ambiguous"));
	acrn_words_free(&words);
	assert_int_equal(acrn_scan_argv(t27, prefix + 1, 3, &words, &error), 0);
	assert_int_equal(words.items[0].option, acrn_option_find("uuid"));
	assert_int_equal(acrn_accepts(&words.items[0].releases, t27), ACRN_REFUSED);
	assert_int_equal(words.items[1].kind, ACRN_WORD_NAME);
	acrn_words_free(&words);

	/* --ssram takes regions from 3.0 only; without a target, when they read */
	const char *ssram[] = {"--ssram", "L2,vcpu=0,1,size=512K", "v"};
	assert_int_equal(acrn_scan_argv(t27, ssram, 3, &words, &error), 0);
	assert_int_equal(words.count, 3);
	acrn_words_free(&words);
	assert_int_equal(acrn_scan_argv(acrn_target_find("3.3"), ssram, 3, &words, &error), 0);
	assert_int_equal(words.count, 2);
	acrn_words_free(&words);
	assert_int_equal(acrn_scan_argv(NULL, ssram, 3, &words, &error), 0);
	assert_int_equal(words.count, 2);
	acrn_words_free(&words);
	assert_int_equal(acrn_scan_option(acrn_target_find("3.3"),
					  (size_t)acrn_option_find("ssram"),
					  "L2,vcpu=0,1,size=512K;L3,vcpu=all,size=2M", &value,
					  &arena, &error),
			 0);
	assert_int_equal(value.count, 2);
	assert_int_equal(value.items[1].count, 2);
	assert_true(value.items[4 + 2].flag);
	/* --ovmf with w anywhere, code= and vars= */
	assert_int_equal(acrn_scan_option(t27, (size_t)acrn_option_find("ovmf"),
					  "code=/c.fd,w,vars=/v.fd", &value, &arena, &error),
			 0);
	assert_false(value.items[0].set);
	assert_string_equal(value.items[1].text, "/c.fd");
	assert_string_equal(value.items[2].text, "/v.fd");
	assert_true(value.items[3].flag);
	/* 2.x reads CPU ranges */
	assert_int_equal(acrn_scan_option(t27, (size_t)acrn_option_find("cpu_affinity"), "1-3,5",
					  &value, &arena, &error),
			 0);
	assert_int_equal(value.items[0].count, 4);
	assert_int_equal(value.items[0].items[3].number, 5);
	/* what the catalogue does not know is a word of its own */
	const char *unknown[] = {"--enable_sgx", "-X", "-Aq"};
	assert_int_equal(acrn_scan_argv(t27, unknown, 3, &words, &error), 0);
	assert_int_equal(words.count, 3);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(words.items[i].kind, ACRN_WORD_UNKNOWN);
	acrn_words_free(&words);
}

/* ---- what acrn-dm refuses, and what the catalogue does not know ---------------- */

static void refusals(void **state)
{
	(void)state;
	refused("3.3", "virtio-console,pty", -EINVAL, "has no BACKEND:NAME");
	refused("3.3", "virtio-console,tcp:x", -EINVAL, "no backend tcp");
	refused("3.3", "virtio-console,socket:s=/a:listen", -EINVAL, ":server or :client");
	refused("3.3", "xhci", -EINVAL, "needs a configuration");
	refused("3.3", "xhci,1-2:usb3", -EINVAL, "usb3 is not a port");
	refused("3.3", "xhci,cap=tgl", -ENOENT, "cap=apl");
	refused("3.3", "virtio-blk,ro,/a.img", -ENOENT, "\"/a.img\" is not a piece");
	refused("3.3", "virtio-blk,iothread=2@1/2,/a.img", -ENOENT, "is not a number");
	refused("3.3", "virtio-blk,/a.img,ro,ro", -ENOENT, "ro is given twice");
	refused("3.3", "virtio-foo,x", -ENOENT, "emulation \"virtio-foo\" is not in the catalogue");
	refused("3.3", "virtio-net,tap0", -ENOENT, "\"tap0\" is not a piece");
	refused("3.3", "passthru,0/2/0,vmsix_on_msi", -EINVAL, "needs a value after it");
	refused("3.3", "passthru,0/20/0", -ENOENT, "bdf \"0/20/0\" is not a host PCI device");
	refused("3.3", "hostbridge,x", -ENOENT, "hostbridge: \"x\" is not a piece");
	refused("3.3", "ivshmem,shm0,2", -ENOENT, "PROVIDER:/NAME");

	const struct acrn_target *t33 = acrn_target_find("3.3");
	struct acrn_value value;
	size_t logger = (size_t)acrn_option_find("logger");
	assert_int_equal(acrn_scan_option(t33, logger, "console", &value, &arena, &error), -EINVAL);
	assert_non_null(strstr(error.message, "--logger_setting: console is not NAME,level=N"));
	assert_int_equal(acrn_scan_option(t33, logger, "foo,level=3", &value, &arena, &error),
			 -ENOENT);
	assert_int_equal(acrn_scan_option(t33, (size_t)acrn_option_find("memory"), NULL, &value,
					  &arena, &error),
			 -EINVAL);
	const struct acrn_emulation *emulation;
	size_t index;
	assert_int_equal(acrn_scan_device_option(t33, "-l", "com9,stdio", &emulation, &index,
						 &value, &arena, &error),
			 -EINVAL);
	assert_non_null(strstr(error.message, "acrn-dm has no such UART"));

	struct acrn_words words;
	const char *missing[] = {"-s", "0:0,hostbridge", "v", "-m"};
	assert_int_equal(acrn_scan_argv(t33, missing, 4, &words, &error), -EINVAL);
	assert_non_null(strstr(error.message, "-m needs a value"));
	acrn_words_free(&words);
	const char *flag_value[] = {"--rtvm=1"};
	assert_int_equal(acrn_scan_argv(t33, flag_value, 1, &words, &error), -EINVAL);
	assert_non_null(strstr(error.message, "--rtvm takes no value"));
	acrn_words_free(&words);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(every_emulation),
		TEST(every_option),
		cmocka_unit_test_teardown(lenient_devices, free_arena),
		cmocka_unit_test_teardown(lenient_slots_and_words, free_arena),
		cmocka_unit_test_teardown(refusals, free_arena),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
