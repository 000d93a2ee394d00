/* SPDX-License-Identifier: Apache-2.0 */
/* Targets and the catalogue of emulations and options (core/target.c,
 * core/catalog.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "acrn.h"

static const struct acrn_target *target(const char *name)
{
	const struct acrn_target *found = acrn_target_find(name);
	assert_non_null(found);
	return found;
}

/* The list holds 2.6 and 3.3, each with its release number; the default
 * target is one of them. */
static void targets_list(void **state)
{
	(void)state;
	size_t count = 0;
	const struct acrn_target *targets = acrn_targets(&count);
	assert_non_null(targets);
	assert_int_equal(count, 2);
	assert_string_equal(targets[0].name, "2.6");
	assert_int_equal(targets[0].release, ACRN_RELEASE(2, 6));
	assert_int_equal(targets[0].release, 206);
	assert_string_equal(targets[1].name, "3.3");
	assert_int_equal(targets[1].release, 303);
	assert_non_null(acrn_target_find(ACRN_DEFAULT_TARGET));
}

/* find returns the entry of the list itself, or NULL for unknown names. */
static void target_find(void **state)
{
	(void)state;
	size_t count;
	const struct acrn_target *targets = acrn_targets(&count);
	assert_ptr_equal(acrn_target_find("2.6"), &targets[0]);
	assert_ptr_equal(acrn_target_find("3.3"), &targets[1]);
	assert_null(acrn_target_find("3.4"));
	assert_null(acrn_target_find("2.7"));
	assert_null(acrn_target_find("3"));
	assert_null(acrn_target_find("3.3 "));
	assert_null(acrn_target_find(""));
}

/* The VM name limit: 127 bytes up to 2.6, 15 from 2.7 on. */
static void target_name_max(void **state)
{
	(void)state;
	assert_int_equal(acrn_target_name_max(target("2.6")), 127);
	assert_int_equal(acrn_target_name_max(target("3.3")), 15);
	struct acrn_target v10 = {"1.0", ACRN_RELEASE(1, 0)}, v27 = {"2.7", ACRN_RELEASE(2, 7)},
			   v14 = {"1.4", ACRN_RELEASE(1, 4)};
	assert_int_equal(acrn_target_name_max(&v10), 31);
	assert_int_equal(acrn_target_name_max(&v14), 127);
	assert_int_equal(acrn_target_name_max(&v27), 15);
}

/* Release numbers print as MAJOR.MINOR into the caller's buffer. */
static void release_text(void **state)
{
	(void)state;
	char buffer[16];
	assert_ptr_equal(acrn_release_text(ACRN_RELEASE(3, 3), buffer), buffer);
	assert_string_equal(buffer, "3.3");
	assert_string_equal(acrn_release_text(ACRN_RELEASE(2, 7), buffer), "2.7");
	assert_string_equal(acrn_release_text(ACRN_RELEASE(3, 0), buffer), "3.0");
	assert_string_equal(acrn_release_text(ACRN_RELEASE(2, 10), buffer), "2.10");
}

/* Emulations are found by acrn-dm's kind and by the Lua constructor name. */
static void emulation_find(void **state)
{
	(void)state;
	const struct acrn_emulation *blk = acrn_emulation_find("virtio-blk");
	assert_non_null(blk);
	assert_string_equal(blk->kind, "virtio-blk");
	assert_string_equal(blk->constructor, "virtio_blk");
	assert_ptr_equal(acrn_emulation_find("virtio_blk"), blk);

	const struct acrn_emulation *net = acrn_emulation_find("virtio_net");
	assert_non_null(net);
	assert_string_equal(net->kind, "virtio-net");
	assert_ptr_equal(acrn_emulation_find("virtio_console"), acrn_emulation_find("virtio-console"));

	assert_int_equal(acrn_emulation_find("hostbridge")->role, ACRN_ROLE_HOSTBRIDGE);
	assert_int_equal(acrn_emulation_find("lpc")->role, ACRN_ROLE_LPC);
	assert_int_equal(acrn_emulation_find("virtio-rnd")->role, ACRN_ROLE_PLAIN);

	assert_null(acrn_emulation_find("virtio-gpu"));
	assert_null(acrn_emulation_find("VIRTIO-BLK"));
	assert_null(acrn_emulation_find("virtio"));
	assert_null(acrn_emulation_find(""));
}

/* Every emulation: a kind and constructor that find it, at most
 * ACRN_FIELDS_MAX fields, unique field names, CHOICE fields with choices. */
static void emulations_well_formed(void **state)
{
	(void)state;
	size_t count = 0;
	const struct acrn_emulation *emulations = acrn_emulations(&count);
	assert_true(count >= 6);
	for (size_t e = 0; e < count; e++) {
		const struct acrn_emulation *emulation = &emulations[e];
		assert_non_null(emulation->kind);
		assert_non_null(emulation->constructor);
		assert_non_null(emulation->doc);
		assert_ptr_equal(acrn_emulation_find(emulation->kind), emulation);
		assert_ptr_equal(acrn_emulation_find(emulation->constructor), emulation);
		assert_true(emulation->field_count <= ACRN_FIELDS_MAX);
		if (emulation->field_count)
			assert_non_null(emulation->fields);
		for (size_t f = 0; f < emulation->field_count; f++) {
			const struct acrn_field *field = &emulation->fields[f];
			assert_non_null(field->name);
			assert_int_equal(acrn_field_find(emulation, field->name), (int)f);
			for (size_t g = f + 1; g < emulation->field_count; g++)
				assert_string_not_equal(field->name, emulation->fields[g].name);
			if (field->type == ACRN_TYPE_CHOICE)
				assert_non_null(field->choices);
		}
	}
}

/* Options are found by name; each has its dash key; names are unique. */
static void option_find(void **state)
{
	(void)state;
	size_t count = 0;
	const struct acrn_option *options = acrn_options(&count);
	assert_true(count >= 6);
	assert_true(count <= ACRN_OPTIONS_MAX);
	const char *names[] = {"uuid", "acpi", "memory", "kernel", "ramdisk", "bootargs"};
	const char *keys[] = {"-U", "-A", "-m", "-k", "-r", "-B"};
	for (size_t i = 0; i < 6; i++) {
		int index = acrn_option_find(names[i]);
		assert_true(index >= 0);
		assert_true((size_t)index < count);
		assert_string_equal(options[index].field.name, names[i]);
		assert_string_equal(options[index].field.key, keys[i]);
	}
	assert_int_equal(options[acrn_option_find("memory")].place, ACRN_PLACE_FIRST);
	assert_int_equal(options[acrn_option_find("kernel")].place, ACRN_PLACE_BOOT);
	for (size_t i = 0; i < count; i++)
		for (size_t j = i + 1; j < count; j++)
			assert_string_not_equal(options[i].field.name, options[j].field.name);
	assert_int_equal(acrn_option_find("name"), -1);
	assert_int_equal(acrn_option_find("-m"), -1);
	assert_int_equal(acrn_option_find("Memory"), -1);
	assert_int_equal(acrn_option_find(""), -1);
}

/* Fields are found by their recipe name, in the catalogue's order. */
static void field_find(void **state)
{
	(void)state;
	const struct acrn_emulation *blk = acrn_emulation_find("virtio-blk");
	int path = acrn_field_find(blk, "path");
	assert_int_equal(path, 0);
	assert_int_equal(blk->fields[path].type, ACRN_TYPE_PATH);
	int drive = acrn_field_find(blk, "drive");
	assert_true(drive > 0);
	assert_true(blk->fields[drive].unique);
	assert_int_equal(acrn_field_find(blk, "tap"), -1);
	assert_int_equal(acrn_field_find(blk, ""), -1);

	const struct acrn_emulation *net = acrn_emulation_find("virtio-net");
	assert_int_equal(acrn_field_find(net, "tap"), 0);
	assert_int_equal(net->fields[acrn_field_find(net, "mac")].type, ACRN_TYPE_MAC);

	const struct acrn_emulation *rnd = acrn_emulation_find("virtio-rnd");
	assert_int_equal(rnd->field_count, 0);
	assert_int_equal(acrn_field_find(rnd, "path"), -1);
}

/* uuid exists up to 2.6 and is refused from 2.7 with a message that says so. */
static void supports_uuid(void **state)
{
	(void)state;
	struct acrn_error error = {.device = 99};
	assert_int_equal(acrn_supports(target("2.6"), "uuid", &error), 0);
	assert_int_equal(acrn_supports(target("3.3"), "uuid", &error), -EINVAL);
	assert_int_equal(error.device, 0);
	assert_non_null(strstr(error.message, "uuid"));
	assert_non_null(strstr(error.message, "removed in ACRN 2.7"));
	assert_non_null(strstr(error.message, "3.3"));
}

/* acpi is ignored from 3.0: not supported on 3.3, fine on 2.6. */
static void supports_acpi(void **state)
{
	(void)state;
	struct acrn_error error = {.device = 99};
	assert_int_equal(acrn_supports(target("2.6"), "acpi", &error), 0);
	assert_int_equal(acrn_supports(target("3.3"), "acpi", &error), -EINVAL);
	assert_int_equal(error.device, 0);
	assert_non_null(strstr(error.message, "acpi"));
	assert_non_null(strstr(error.message, "ignored"));
	assert_non_null(strstr(error.message, "3.0"));
}

/* Emulations and plain options are supported on both targets, by either name. */
static void supports_everyday_names(void **state)
{
	(void)state;
	struct acrn_error error = {0};
	const char *names[] = {"virtio-blk", "virtio_net", "lpc", "hostbridge", "memory", "bootargs"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		assert_int_equal(acrn_supports(target("2.6"), names[i], &error), 0);
		assert_int_equal(acrn_supports(target("3.3"), names[i], &error), 0);
	}
}

/* A name the catalogue lacks is -ENOENT with the name in the message. */
static void supports_unknown(void **state)
{
	(void)state;
	struct acrn_error error = {.device = 99};
	assert_int_equal(acrn_supports(target("3.3"), "pci-gvt", &error), -ENOENT);
	assert_int_equal(error.device, 0);
	assert_non_null(strstr(error.message, "\"pci-gvt\""));
	assert_non_null(strstr(error.message, "no device or option"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(targets_list),
		cmocka_unit_test(target_find),
		cmocka_unit_test(target_name_max),
		cmocka_unit_test(release_text),
		cmocka_unit_test(emulation_find),
		cmocka_unit_test(emulations_well_formed),
		cmocka_unit_test(option_find),
		cmocka_unit_test(field_find),
		cmocka_unit_test(supports_uuid),
		cmocka_unit_test(supports_acpi),
		cmocka_unit_test(supports_everyday_names),
		cmocka_unit_test(supports_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
