/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the whole-VM tests (test_vm.c, test_devices.c,
 * test_peripherals.c, test_options.c): a small VM builder, building it into
 * a plan, and checking the argv and the warnings.  One copy per test
 * executable: the state is static and the functions static inline. */
#ifndef ACRN_TESTS_VM_HELPERS_H
#define ACRN_TESTS_VM_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"

/* ---- a small VM builder ---------------------------------------------------- */

#define DEVICES_MAX 40

static struct acrn_device devices[DEVICES_MAX];
static struct acrn_vm vm;
static struct acrn_plan plan;
static struct acrn_error error;

/* Storage for the items of lists and records, reset by vm_new. */
static struct acrn_value pool[4096];
static size_t pool_used;

static inline struct acrn_value text(const char *s)
{
	return (struct acrn_value){.set = true, .text = s, .length = strlen(s)};
}

/* A VM for `target` called `name`, with no devices and no options. */
static inline void vm_new(const char *target, const char *name)
{
	memset(devices, 0, sizeof devices);
	memset(&vm, 0, sizeof vm);
	pool_used = 0;
	vm.target = acrn_target_find(target);
	assert_non_null(vm.target);
	if (name)
		vm.name = text(name);
	vm.devices = devices;
}

/* Appends a device of `kind` at bus:slot:func; returns it for its fields. */
static inline struct acrn_device *add(const char *kind, int bus, int slot, int func)
{
	assert_true(vm.device_count < DEVICES_MAX);
	struct acrn_device *device = &devices[vm.device_count++];
	device->emulation = acrn_emulation_find(kind);
	assert_non_null(device->emulation);
	device->bus = bus;
	device->slot = slot;
	device->func = func;
	return device;
}

static inline struct acrn_value *field(struct acrn_device *device, const char *name)
{
	int index = acrn_field_find(device->emulation, name);
	assert_true(index >= 0);
	return &device->values[index];
}

static inline void set_text(struct acrn_device *device, const char *name, const char *value)
{
	*field(device, name) = text(value);
}

static inline void set_flag(struct acrn_device *device, const char *name, bool flag)
{
	*field(device, name) = (struct acrn_value){.set = true, .flag = flag};
}

static inline void set_number(struct acrn_device *device, const char *name, long long number)
{
	*field(device, name) = (struct acrn_value){.set = true, .number = number};
}

static inline struct acrn_value *items(size_t count)
{
	assert_true(pool_used + count <= sizeof pool / sizeof pool[0]);
	struct acrn_value *first = &pool[pool_used];
	memset(first, 0, count * sizeof *first);
	pool_used += count;
	return first;
}

/* One console port, as acrn-dm.md spells its parts. */
struct port {
	const char *backend, *name, *path, *mode;
	bool console;
};

static inline struct acrn_value text_or_unset(const char *s)
{
	return s ? text(s) : (struct acrn_value){0};
}

/* Sets the device's ports (RECORDS) to `count` ports. */
static inline void set_ports(struct acrn_device *device, const struct port *ports, size_t count)
{
	const struct acrn_field *ports_field =
		&device->emulation->fields[acrn_field_find(device->emulation, "ports")];
	const struct acrn_record *record = ports_field->record;
	struct acrn_value *all = items(count * record->count);
	for (size_t i = 0; i < count; i++) {
		struct acrn_value *one = &all[i * record->count];
		one[acrn_record_find(record, "backend")] = text_or_unset(ports[i].backend);
		one[acrn_record_find(record, "name")] = text_or_unset(ports[i].name);
		one[acrn_record_find(record, "path")] = text_or_unset(ports[i].path);
		one[acrn_record_find(record, "mode")] = text_or_unset(ports[i].mode);
		if (ports[i].console)
			one[acrn_record_find(record, "console")] =
				(struct acrn_value){.set = true, .flag = true};
	}
	*field(device, "ports") = (struct acrn_value){.set = true, .items = all, .count = count};
}

static inline struct acrn_value *option(const char *name)
{
	int index = acrn_option_find(name);
	assert_true(index >= 0);
	return &vm.options[index];
}

static inline struct port port(const char *backend, const char *name, const char *path,
			       const char *mode, bool console)
{
	return (struct port){.backend = backend,
			     .name = name,
			     .path = path,
			     .mode = mode,
			     .console = console};
}

/* The usual first device. */
static inline void add_hostbridge(void)
{
	add("hostbridge", 0, 0, 0);
}

/* Builds `vm` into a fresh `plan`. */
static inline int build(void)
{
	acrn_plan_free(&plan);
	memset(&error, 0, sizeof error);
	int rc = acrn_build(&vm, &plan, &error);
	if (rc != 0 && rc != -EINVAL)
		print_error("acrn_build: %d: %s\n", rc, error.message);
	return rc;
}

static inline void build_ok(void)
{
	int rc = build();
	if (rc)
		print_error("unexpected failure: %s\n", error.message);
	assert_int_equal(rc, 0);
}

/* The build fails for device `device` (0: the VM) with these words. */
static inline void build_fails(size_t device, const char *word, const char *word2)
{
	int rc = build();
	if (rc == 0)
		print_error("unexpected success\n");
	assert_int_equal(rc, -EINVAL);
	if (!strstr(error.message, word) || (word2 && !strstr(error.message, word2)))
		print_error("message: %s\nwanted: %s / %s\n", error.message, word,
			    word2 ? word2 : "");
	assert_int_equal(error.device, device);
	assert_non_null(strstr(error.message, word));
	if (word2)
		assert_non_null(strstr(error.message, word2));
}

static inline void check_argv(const char *const *expected, size_t count)
{
	for (size_t i = 0; i < count && i < plan.argv.count; i++)
		if (strcmp(plan.argv.items[i], expected[i]) != 0)
			print_error("argv[%zu]: \"%s\", expected \"%s\"\n", i, plan.argv.items[i],
				    expected[i]);
	assert_int_equal(plan.argv.count, count);
	for (size_t i = 0; i < count; i++)
		assert_string_equal(plan.argv.items[i], expected[i]);
	assert_null(plan.argv.items[count]);
}

#define EXPECT_ARGV(...)                               \
	check_argv((const char *const[]){__VA_ARGS__}, \
		   sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

static inline int teardown(void **state)
{
	(void)state;
	acrn_plan_free(&plan);
	return 0;
}

#define TEST(name) cmocka_unit_test_teardown(name, teardown)

/* ---- the catalogue of 1.6 to 3.3: expected strings from acrn-dm.md ------------ */

static inline struct acrn_value num(long long n)
{
	return (struct acrn_value){.set = true, .number = n};
}

static inline struct acrn_value yes(void)
{
	return (struct acrn_value){.set = true, .flag = true};
}

/* A LIST of numbers or of texts. */
static inline struct acrn_value numbers(size_t count, const long long *list)
{
	struct acrn_value *all = items(count);
	for (size_t i = 0; i < count; i++)
		all[i] = num(list[i]);
	return (struct acrn_value){.set = true, .items = all, .count = count};
}

static inline struct acrn_value texts(size_t count, const char *const *list)
{
	struct acrn_value *all = items(count);
	for (size_t i = 0; i < count; i++)
		all[i] = text(list[i]);
	return (struct acrn_value){.set = true, .items = all, .count = count};
}

#define NUMBERS(...)                                                          \
	numbers(sizeof((const long long[]){__VA_ARGS__}) / sizeof(long long), \
		(const long long[]){__VA_ARGS__})
#define TEXTS(...)                                                               \
	texts(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *), \
	      (const char *const[]){__VA_ARGS__})

static inline const struct acrn_field *device_field(const struct acrn_device *device,
						    const char *name)
{
	int index = acrn_field_find(device->emulation, name);
	assert_true(index >= 0);
	return &device->emulation->fields[index];
}

static inline const struct acrn_field *option_field(const char *name)
{
	size_t count;
	int index = acrn_option_find(name);
	assert_true(index >= 0);
	return &acrn_options(&count)[index].field;
}

/* A RECORDS value of `count` empty records of `field` (a RECORD: count 1). */
static inline struct acrn_value records(const struct acrn_field *field, size_t count)
{
	assert_non_null(field->record);
	return (struct acrn_value){.set = true,
				   .items = items(count * field->record->count),
				   .count = count};
}

/* Sets field `name` of record `index` of `value`. */
static inline void put(const struct acrn_field *field, struct acrn_value *value, size_t index,
		       const char *name, struct acrn_value item)
{
	int f = acrn_record_find(field->record, name);
	if (f < 0)
		fail_msg("%s has no field %s", field->name, name);
	assert_true(index < value->count);
	((struct acrn_value *)value->items)[index * field->record->count + (size_t)f] = item;
}

/* A VM "t" for `target`: a host bridge and, unless kind is NULL, one device
 * of `kind` at slot 3. */
static inline struct acrn_device *one_device(const char *target, const char *kind)
{
	vm_new(target, "t");
	add_hostbridge();
	return kind ? add(kind, 0, 3, 0) : NULL;
}

/* The build succeeds and the device at slot 3 renders to "3,CONFIG". */
static inline void expect_config(const char *config)
{
	char slot[512];
	build_ok();
	snprintf(slot, sizeof slot, "3,%s", config);
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", slot, "t");
}

/* plan.warnings has exactly `count` entries and one holds both words. */
static inline void expect_warning(size_t count, const char *word, const char *word2)
{
	bool found = false;
	for (size_t i = 0; i < plan.warnings.count; i++)
		if (strstr(plan.warnings.items[i], word) &&
		    (!word2 || strstr(plan.warnings.items[i], word2)))
			found = true;
	if (!found || plan.warnings.count != count) {
		for (size_t i = 0; i < plan.warnings.count; i++)
			print_error("warning: %s\n", plan.warnings.items[i]);
		print_error("wanted %zu warnings, one with: %s / %s\n", count, word,
			    word2 ? word2 : "");
	}
	assert_int_equal(plan.warnings.count, count);
	assert_true(found);
}

#endif
