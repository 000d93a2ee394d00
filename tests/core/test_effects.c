/* SPDX-License-Identifier: Apache-2.0 */
/* What a plan asks of the host beyond its argv (core/engine/effects.c),
 * read from the catalogue's effect attributes: host steps, consoles,
 * drives; and a plan that owns a copy of its VM (arena.c). */
#include "vm_helpers.h"

/* Host facts with CPU numbers and LAPIC ids in different orders. */
static const struct acrn_cpu cpus[] = {{0, 0}, {1, 4}, {2, 2}, {3, 6}};
static const struct acrn_host_facts facts = {.cpus = cpus,
					     .cpu_count = 4,
					     .source = "/proc/cpuinfo"};

static void set_affinity(const char *name, struct acrn_value list, int offline)
{
	const struct acrn_field *f = option_field("cpu_affinity");
	struct acrn_value value = records(f, 1);
	put(f, &value, 0, name, list);
	if (offline >= 0)
		put(f, &value, 0, "offline",
		    (struct acrn_value){.set = true, .flag = offline == 1});
	*option("cpu_affinity") = value;
}

static void step_is(size_t index, enum acrn_step_kind kind, const char *object, const char *detail)
{
	assert_true(index < plan.step_count);
	assert_int_equal(plan.steps[index].kind, kind);
	assert_string_equal(plan.steps[index].object, object);
	assert_string_equal(plan.steps[index].detail, detail);
	assert_int_equal(plan.steps[index].state, ACRN_STEP_PLANNED);
}

/* An RT VM's CPUs go offline (by number, with their LAPIC ids); lapic_ids
 * are mapped to numbers; offline = false keeps them; a plain VM's only
 * with offline = true. */
static void offline_cpus(void **state)
{
	(void)state;
	one_device("3.3", NULL);
	vm.facts = &facts;
	*option("rtvm") = yes();
	set_affinity("lapic_ids", NUMBERS(2, 6), -1);
	build_ok();
	assert_int_equal(plan.step_count, 2);
	step_is(0, ACRN_STEP_OFFLINE_CPU, "2", "2");
	step_is(1, ACRN_STEP_OFFLINE_CPU, "3", "6");

	set_affinity("cpus", NUMBERS(1), -1);
	build_ok();
	assert_int_equal(plan.step_count, 1);
	step_is(0, ACRN_STEP_OFFLINE_CPU, "1", "4");

	set_affinity("cpus", NUMBERS(1), 0);
	build_ok();
	assert_int_equal(plan.step_count, 0);

	*option("rtvm") = (struct acrn_value){0};
	set_affinity("cpus", NUMBERS(1), -1);
	build_ok();
	assert_int_equal(plan.step_count, 0);
	set_affinity("cpus", NUMBERS(1), 1);
	build_ok();
	assert_int_equal(plan.step_count, 1);

	/* a LAPIC id no CPU has cannot be taken offline */
	*option("rtvm") = yes();
	set_affinity("lapic_ids", NUMBERS(8), -1);
	build_fails(0, "cpu_affinity: LAPIC id 8 is no CPU in /proc/cpuinfo", NULL);
	/* 2.x takes CPU numbers: no facts needed, no LAPIC id known */
	one_device("2.7", NULL);
	*option("rtvm") = yes();
	set_affinity("cpus", NUMBERS(2), -1);
	build_ok();
	step_is(0, ACRN_STEP_OFFLINE_CPU, "2", "");
}

/* Devices on pci-stub unless prepare = false; taps made only with create;
 * steps in their order: CPUs, devices, taps. */
static void device_steps(void **state)
{
	(void)state;
	vm_new("3.3", "t");
	add_hostbridge();
	struct acrn_device *net = add("virtio-net", 0, 3, 0);
	set_text(net, "tap", "tap0");
	set_flag(net, "create", true);
	set_text(net, "bridge", "acrn-br0");
	set_text(add("passthru", 0, 4, 0), "bdf", "0/1f/3");
	struct acrn_device *kept = add("passthru", 0, 5, 0);
	set_text(kept, "bdf", "02:00.0");
	set_flag(kept, "prepare", false);
	set_text(add("virtio-net", 0, 6, 0), "tap", "tap1");
	vm.facts = &facts;
	*option("rtvm") = yes();
	set_affinity("cpus", NUMBERS(3), -1);
	build_ok();
	assert_int_equal(plan.step_count, 3);
	step_is(0, ACRN_STEP_OFFLINE_CPU, "3", "6");
	step_is(1, ACRN_STEP_BIND_PCI_STUB, "0000:00:1f.3", "");
	step_is(2, ACRN_STEP_CREATE_TAP, "tap0", "acrn-br0");
	char does[256];
	acrn_step_describe(&plan.steps[2], does, sizeof does);
	assert_string_equal(does,
			    "create tap tap0 when missing, on bridge acrn-br0 when it exists "
			    "(undone: deleted if created)");
	assert_int_equal(acrn_step_kind_find("bind-pci-stub"), ACRN_STEP_BIND_PCI_STUB);
	assert_int_equal(acrn_step_kind_find("format-disk"), -1);
}

/* Consoles: the COM ports with a backend and every virtio console port;
 * drives: each drive index with its device's slot. */
static void consoles_and_drives(void **state)
{
	(void)state;
	vm_new("3.3", "t");
	add_hostbridge();
	struct acrn_device *lpc = add("lpc", 0, 1, 0);
	set_text(lpc, "com1", "stdio");
	set_text(lpc, "com2", "");
	struct acrn_device *console = add("virtio-console", 0, 3, 0);
	static const struct port ports[] = {
		{"socket", "console0", "/run/vm1.sock", "server", true},
		{"pty", NULL, NULL, NULL, false},
	};
	set_ports(console, ports, 2);
	struct acrn_device *blk = add("virtio-blk", 0, 7, 0);
	set_flag(blk, "nodisk", true);
	set_number(blk, "drive", 2);
	build_ok();
	assert_int_equal(plan.console_count, 3);
	assert_string_equal(plan.consoles[0].backend, "uart");
	assert_string_equal(plan.consoles[0].name, "com1");
	assert_string_equal(plan.consoles[0].path, "stdio");
	assert_string_equal(plan.consoles[1].backend, "socket");
	assert_string_equal(plan.consoles[1].path, "/run/vm1.sock");
	assert_true(plan.consoles[1].console);
	assert_string_equal(plan.consoles[2].backend, "pty");
	assert_null(plan.consoles[2].name);
	assert_int_equal(plan.drive_count, 1);
	assert_int_equal(plan.drives[0].index, 2);
	assert_int_equal(plan.drives[0].slot, 7);
}

/* A copy of a VM in an arena builds the same plan as the VM, and holds no
 * pointer into the original. */
static void vm_copy(void **state)
{
	(void)state;
	vm_new("3.3", "copied");
	add_hostbridge();
	set_text(add("virtio-blk", 0, 3, 0), "path", "/img");
	vm.facts = &facts;
	set_affinity("cpus", NUMBERS(1, 3), -1);
	*option("memory") = text("2G");
	build_ok();
	struct acrn_strings original = {0};
	for (size_t i = 0; i < plan.argv.count; i++)
		assert_int_equal(acrn_strings_add(&original, plan.argv.items[i]), 0);

	struct acrn_arena arena = {0};
	struct acrn_vm copy;
	struct acrn_plan again = {0};
	struct acrn_error failure;
	assert_int_equal(acrn_vm_copy(&vm, &copy, &arena), 0);
	assert_ptr_not_equal(copy.devices, vm.devices);
	assert_ptr_not_equal(copy.name.text, vm.name.text);
	assert_ptr_not_equal(copy.facts, vm.facts);
	memset(devices, 0, sizeof devices); /* the original is gone */
	assert_int_equal(acrn_build(&copy, &again, &failure), 0);
	assert_int_equal(again.argv.count, original.count);
	for (size_t i = 0; i < original.count; i++)
		assert_string_equal(again.argv.items[i], original.items[i]);
	acrn_plan_free(&again);
	acrn_arena_free(&arena);
	acrn_strings_free(&original);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(offline_cpus),
		TEST(device_steps),
		TEST(consoles_and_drives),
		TEST(vm_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
