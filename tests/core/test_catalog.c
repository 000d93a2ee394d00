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

#include "engine.h"

static const struct acrn_target *target(const char *name)
{
	const struct acrn_target *found = acrn_target_find(name);
	assert_non_null(found);
	return found;
}

/* The list holds every minor release from 1.6 to 3.3 in order (no 1.7 to
 * 1.9), each with its release number; the default target is one of them. */
static void targets_list(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		int release;
	} expected[] = {{"1.6", 10600},     {"1.6.1", 10601}, {"2.0", 20000},   {"2.1", 20100},
			{"2.2", 20200},     {"2.3", 20300},   {"2.3.1", 20300}, {"2.4", 20400},
			{"2.4.0.1", 20400}, {"2.5", 20500},   {"2.5.1", 20500}, {"2.6", 20600},
			{"2.7", 20700},     {"3.0", 30000},   {"3.0.1", 30000}, {"3.0.2", 30000},
			{"3.1", 30100},     {"3.2", 30200},   {"3.3", 30300}};
	size_t count = 0;
	const struct acrn_target *targets = acrn_targets(&count);
	assert_non_null(targets);
	assert_int_equal(count, sizeof expected / sizeof expected[0]);
	for (size_t i = 0; i < count; i++) {
		assert_string_equal(targets[i].name, expected[i].name);
		assert_int_equal(targets[i].release, expected[i].release);
	}
	assert_int_equal(targets[11].release, ACRN_RELEASE(2, 6));
	/* 1.6.1 is a target of its own (it added --cpu_affinity); the other
	 * patch releases read their minor release's command line */
	assert_int_equal(targets[1].release, ACRN_PATCH(1, 6, 1));
	assert_int_equal(targets[10].release, ACRN_RELEASE(2, 5));
	assert_non_null(acrn_target_find(ACRN_DEFAULT_TARGET));
}

/* find returns the entry of the list itself, or NULL for unknown names. */
static void target_find(void **state)
{
	(void)state;
	size_t count;
	const struct acrn_target *targets = acrn_targets(&count);
	for (size_t i = 0; i < count; i++)
		assert_ptr_equal(acrn_target_find(targets[i].name), &targets[i]);
	assert_ptr_equal(acrn_target_find("2.6"), &targets[11]);
	assert_ptr_equal(acrn_target_find("3.3"), &targets[18]);
	assert_ptr_equal(acrn_target_find("2.7"), &targets[12]);
	assert_ptr_equal(acrn_target_find("2.4.0.1"), &targets[8]);
	assert_null(acrn_target_find("2.4.1"));
	assert_null(acrn_target_find("3.4"));
	assert_null(acrn_target_find("1.7"));
	assert_null(acrn_target_find("1.0"));
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
	assert_string_equal(acrn_release_text(ACRN_PATCH(1, 6, 1), buffer), "1.6.1");
	/* a minor release that patch releases stand for is named as the minor */
	assert_string_equal(acrn_release_text(ACRN_RELEASE(2, 4), buffer), "2.4");
	assert_string_equal(acrn_release_text(ACRN_PATCH(2, 9, 3), buffer), "2.9.3");
}

/* What a target does with a release range: the one place releases compare. */
static void accepts(void **state)
{
	(void)state;
	const struct acrn_target *t16 = acrn_target_find("1.6"), *t161 = acrn_target_find("1.6.1");
	const struct acrn_target *t27 = acrn_target_find("2.7"), *t30 = acrn_target_find("3.0");
	const struct acrn_releases patch = {.since = ACRN_PATCH(1, 6, 1)};
	const struct acrn_releases up_to_27 = {.removed = ACRN_RELEASE(3, 0)};
	const struct acrn_releases ignored = {.since = ACRN_RELEASE(2, 0),
					      .ignored = ACRN_RELEASE(3, 0)};
	assert_int_equal(acrn_accepts(&patch, t16), ACRN_REFUSED);
	assert_int_equal(acrn_accepts(&patch, t161), ACRN_ACCEPTED);
	assert_int_equal(acrn_accepts(&up_to_27, t27), ACRN_ACCEPTED);
	assert_int_equal(acrn_accepts(&up_to_27, t30), ACRN_REFUSED);
	assert_int_equal(acrn_accepts(&ignored, t16), ACRN_REFUSED);
	assert_int_equal(acrn_accepts(&ignored, t27), ACRN_ACCEPTED);
	assert_int_equal(acrn_accepts(&ignored, t30), ACRN_IGNORED);
	assert_int_equal(acrn_accepts(&ignored, acrn_target_find("3.0.2")), ACRN_IGNORED);
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
	assert_ptr_equal(acrn_emulation_find("virtio_console"),
			 acrn_emulation_find("virtio-console"));

	assert_int_equal(acrn_emulation_find("hostbridge")->role, ACRN_ROLE_HOSTBRIDGE);
	assert_int_equal(acrn_emulation_find("lpc")->role, ACRN_ROLE_LPC);
	assert_int_equal(acrn_emulation_find("virtio-rnd")->role, ACRN_ROLE_PLAIN);

	assert_null(acrn_emulation_find("virtio-sound"));
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
	assert_int_equal(path, 3); /* after b, iothread and mq, which acrn-dm wants first */
	assert_int_equal(acrn_field_find(blk, "boot"), 0);
	assert_int_equal(acrn_field_find(blk, "iothread"), 1);
	assert_int_equal(acrn_field_find(blk, "mq"), 2);
	assert_int_equal(blk->fields[path].type, ACRN_TYPE_PATH);
	int drive = acrn_field_find(blk, "drive");
	assert_true(drive > 0);
	assert_true(blk->fields[drive].unique);
	assert_int_equal(acrn_field_find(blk, "tap"), -1);
	assert_int_equal(acrn_field_find(blk, ""), -1);

	const struct acrn_emulation *net = acrn_emulation_find("virtio-net");
	assert_int_equal(acrn_field_find(net, "tap"), 0);
	assert_int_equal(net->fields[acrn_field_find(net, "mac")].type, ACRN_TYPE_MAC);

	/* an emulation without fields has none to find (any such one: which
	 * has none changes as the catalogue grows) */
	size_t count;
	const struct acrn_emulation *emulations = acrn_emulations(&count), *bare = NULL;
	for (size_t i = 0; i < count && !bare; i++)
		bare = emulations[i].field_count == 0 ? &emulations[i] : NULL;
	assert_non_null(bare);
	assert_int_equal(acrn_field_find(bare, "path"), -1);
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
	const char *names[] = {"virtio-blk", "virtio_net", "lpc",
			       "hostbridge", "memory",     "bootargs"};
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
	assert_int_equal(acrn_supports(target("3.3"), "virtio-sound", &error), -ENOENT);
	assert_int_equal(error.device, 0);
	assert_non_null(strstr(error.message, "\"virtio-sound\""));
	assert_non_null(strstr(error.message, "no device or option"));
}

/* Which of 1.6 … 3.3 a name is supported on: since <= release < until
 * (until 0: still there).  "Ignored" counts as unsupported. */
struct span {
	const char *name;
	int since, until;
};

static void check_spans(const struct span *spans, size_t count)
{
	size_t targets_count;
	const struct acrn_target *targets = acrn_targets(&targets_count);
	for (size_t s = 0; s < count; s++)
		for (size_t t = 0; t < targets_count; t++) {
			struct acrn_error error = {.device = 99};
			int release = targets[t].release;
			bool expected = release >= spans[s].since &&
					(!spans[s].until || release < spans[s].until);
			int rc = acrn_supports(&targets[t], spans[s].name, &error);
			if ((rc == 0) != expected)
				fail_msg("%s on %s: %d (%s), expected %s", spans[s].name,
					 targets[t].name, rc, error.message,
					 expected ? "supported" : "refused");
			if (!expected) {
				assert_int_equal(rc, -EINVAL);
				assert_int_equal(error.device, 0);
				assert_non_null(strstr(error.message, spans[s].name));
				assert_non_null(strstr(error.message, targets[t].name));
			}
		}
}

#define R ACRN_RELEASE

/* Every emulation of acrn-dm.md's table, over every target. */
static void supports_emulations(void **state)
{
	(void)state;
	static const struct span spans[] = {
		{"hostbridge", 0, 0},
		{"amd_hostbridge", 0, 0},
		{"lpc", 0, 0},
		{"igd-lpc", R(1, 6), 0},
		{"dummy", 0, 0}, /* every release (v1.6 pci/core.c:2425,2608) */
		{"wdt-i6300esb", 0, 0},
		{"virtio-rnd", 0, 0},
		{"virtio-blk", 0, 0},
		{"virtio-net", 0, 0},
		{"virtio-console", 0, 0},
		{"passthru", 0, 0},
		{"uart", 0, 0},
		{"xhci", 0, 0},
		{"ahci", 0, 0},
		{"virtio-input", 0, 0},
		{"virtio-i2c", R(1, 6), 0},
		{"virtio-gpio", 0, 0},
		{"virtio-gpu", R(3, 0), 0},
		{"vhost-vsock", R(3, 0), 0},
		{"ivshmem", R(2, 2), 0}, /* 2.0-2.1 read NAME,BYTES (v2.1 ivshmem.c:217) */
		{"virtio-audio", 0, 0},
		{"virtio-ipu", 0, 0},
		{"virtio-hyper_dmabuf", 0, 0},
		{"virtio-heci", 0, 0},
		{"virtio-rpmb", 0, 0},
		{"pci-gvt", 0, R(3, 0)},
		{"npk", 0, R(3, 0)},
		{"virtio-hdcp", 0, R(3, 0)},
		{"virtio-coreu", 0, R(3, 0)},
	};
	check_spans(spans, sizeof spans / sizeof spans[0]);
}

/* Every global option of acrn-dm.md's table, over every target; the
 * obsolete ones are refused (ignored) from 3.0; mac_seed moved into
 * virtio-net in 3.0 and stays supported. */
static void supports_options(void **state)
{
	(void)state;
	static const struct span spans[] = {
		{"memory", 0, 0},
		{"kernel", 0, 0},
		{"ramdisk", 0, 0},
		{"elf", 0, 0},
		{"bootargs", 0, 0},
		{"uuid", 0, R(2, 7)},
		{"acpi", 0, R(3, 0)},
		{"virtio_msix", 0, R(3, 0)},
		{"virtio_msi", 0, 0},
		{"mptgen", 0, R(3, 0)},
		{"ioc_node", 0, R(3, 0)},
		{"vsbl", 0, R(3, 0)},
		{"part_info", 0, R(3, 0)},
		{"pm_by_vuart", 0, R(3, 0)},
		{"pm_notify_channel", 0, 0}, /* 3.x still sets it (v3.3 main.c:1127-1142) */
		{"mac_seed", 0, 0},
		{"ovmf", 0, 0},
		{"cpu_affinity", ACRN_PATCH(1, 6, 1), 0}, /* v1.6.1 main.c:762 */
		{"rtvm", 0, 0},
		{"lapic_pt", 0, 0},
		{"virtio_poll", 0, 0},
		{"intr_monitor", 0, 0},
		{"logger", 0, 0},
		{"windows", 0, 0},
		{"enable_trusty", 0, 0},
		{"debugexit", 0, 0},
		{"vtpm2", 0, 0},
		{"mmiodev_pt", R(2, 5), 0}, /* 2.1-2.4 refuse it (v2.1 mmio/core.c:59-77) */
		{"acpidev_pt", R(2, 1), 0}, /* --apcidev_pt in 2.1-2.2 */
		{"ssram", R(2, 2), 0},      /* --psram from 2.2 (v2.2 main.c:797) */
		{"psram", R(2, 2), R(2, 5)},
		{"cmd_monitor", R(3, 0), 0},
		{"iasl", R(3, 1), 0},
	};
	check_spans(spans, sizeof spans / sizeof spans[0]);
}

/* The messages say which release added, removed or ignores a name. */
static void supports_messages(void **state)
{
	(void)state;
	struct acrn_error error = {0};
	assert_int_equal(acrn_supports(target("2.7"), "virtio-gpu", &error), -EINVAL);
	assert_non_null(strstr(error.message, "virtio-gpu needs ACRN 3.0 or later (target 2.7)"));
	assert_int_equal(acrn_supports(target("3.3"), "pci_gvt", &error), -EINVAL);
	assert_non_null(strstr(error.message, "pci_gvt was removed in ACRN 3.0 (target 3.3)"));
	assert_int_equal(acrn_supports(target("3.0"), "mptgen", &error), -EINVAL);
	assert_non_null(strstr(error.message, "ignored by acrn-dm from ACRN 3.0"));
	assert_int_equal(acrn_supports(target("1.6"), "cpu_affinity", &error), -EINVAL);
	assert_non_null(
		strstr(error.message, "cpu_affinity needs ACRN 1.6.1 or later (target 1.6)"));
	assert_int_equal(acrn_supports(target("2.5"), "psram", &error), -EINVAL);
	assert_non_null(strstr(error.message, "removed in ACRN 2.5"));
	assert_int_equal(acrn_supports(target("3.0"), "iasl", &error), -EINVAL);
	assert_non_null(strstr(error.message, "iasl needs ACRN 3.1"));
	/* by constructor name too */
	assert_int_equal(acrn_supports(target("3.0"), "vhost_vsock", &error), 0);
	assert_int_equal(acrn_supports(target("2.7"), "vhost_vsock", &error), -EINVAL);
}

/* Every table field has its record, every list its element, every option
 * a key (but raw, passed as is); the fields of a record have unique names. */
static void catalogue_shapes(void **state)
{
	(void)state;
	size_t count;
	const struct acrn_emulation *emulations = acrn_emulations(&count);
	const struct acrn_field *fields[ACRN_FIELDS_MAX * 64];
	size_t n = 0;
	for (size_t e = 0; e < count; e++)
		for (size_t f = 0; f < emulations[e].field_count; f++)
			fields[n++] = &emulations[e].fields[f];
	const struct acrn_option *options = acrn_options(&count);
	for (size_t o = 0; o < count; o++) {
		fields[n++] = &options[o].field;
		if (strcmp(options[o].field.name, "raw") == 0)
			assert_null(options[o].field.key);
		else
			assert_non_null(options[o].field.key);
		assert_non_null(options[o].field.doc);
	}
	for (size_t i = 0; i < n; i++) {
		const struct acrn_field *field = fields[i];
		if (field->type == ACRN_TYPE_LIST)
			assert_non_null(field->element);
		if (field->type == ACRN_TYPE_RECORD || field->type == ACRN_TYPE_RECORDS) {
			const struct acrn_record *record = field->record;
			assert_non_null(record);
			assert_true(record->count > 0 && record->count <= ACRN_FIELDS_MAX);
			for (size_t f = 0; f < record->count; f++) {
				assert_int_equal(acrn_record_find(record, record->fields[f].name),
						 (int)f);
				if (record->fields[f].type == ACRN_TYPE_CHOICE)
					assert_non_null(record->fields[f].choices);
			}
			if (field->shorthand)
				assert_true(acrn_record_find(record, field->shorthand) >= 0);
		}
	}
	/* the console ports are a RECORDS field of at most 16 records */
	const struct acrn_emulation *console = acrn_emulation_find("virtio-console");
	const struct acrn_field *ports = &console->fields[acrn_field_find(console, "ports")];
	assert_int_equal(ports->type, ACRN_TYPE_RECORDS);
	assert_int_equal(ports->max_items, ACRN_CONSOLE_PORTS_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(targets_list),
		cmocka_unit_test(target_find),
		cmocka_unit_test(target_name_max),
		cmocka_unit_test(release_text),
		cmocka_unit_test(accepts),
		cmocka_unit_test(emulation_find),
		cmocka_unit_test(emulations_well_formed),
		cmocka_unit_test(option_find),
		cmocka_unit_test(field_find),
		cmocka_unit_test(supports_uuid),
		cmocka_unit_test(supports_acpi),
		cmocka_unit_test(supports_everyday_names),
		cmocka_unit_test(supports_unknown),
		cmocka_unit_test(supports_emulations),
		cmocka_unit_test(supports_options),
		cmocka_unit_test(supports_messages),
		cmocka_unit_test(catalogue_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
