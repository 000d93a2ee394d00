/* SPDX-License-Identifier: Apache-2.0 */
/* Whole VMs: the argv in canonical order, slots and placement, VM-wide
 * checks, the Kata reference, determinism, plan.devices, and one device
 * rendered on its own (core/vm.c). */
#include "vm_helpers.h"

/* ---- order and slots ---------------------------------------------------------- */

/* A VM with everything, its devices given out of order. */
static void canonical_vm(void)
{
	vm_new("2.6", "vm-1");
	struct acrn_device *d;
	add("virtio-rnd", 0, 7, 0);                            /* #1 */
	set_text(add("virtio-blk", 0, 5, 2), "path", "/img2"); /* #2 */
	add("virtio-rnd", 1, 5, 0);                            /* #3 */
	d = add("lpc", 0, 1, 0);                               /* #4 */
	set_text(d, "com1", "stdio");
	set_text(d, "com2", "");
	d = add("virtio-blk", 0, 5, 0); /* #5 */
	set_text(d, "path", "/img");
	set_flag(d, "ro", true);
	add_hostbridge(); /* #6 */
	*option("bootargs") = text("console=ttyS0 quiet");
	*option("ramdisk") = text("/boot/initrd");
	*option("kernel") = text("/boot/vmlinuz");
	*option("memory") = (struct acrn_value){.set = true, .number = 2048};
	*option("acpi") = (struct acrn_value){.set = true, .flag = true};
	*option("uuid") = text("a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f");
}

/* -U -A -m first; devices by bus:slot:func whatever the input order, -l
 * right after the lpc; -k -r -B; the name last.  Slots in ACRN's forms:
 * N:0 for hostbridge and lpc, N for function 0, N:F, and B:N:F off bus 0. */
static void canonical_order(void **state)
{
	(void)state;
	canonical_vm();
	build_ok();
	EXPECT_ARGV("-U", "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f", "-A", "-m", "2048M", "-s",
		    "0:0,hostbridge", "-s", "1:0,lpc", "-l", "com1,stdio", "-l", "com2", "-s",
		    "5,virtio-blk,/img,ro", "-s", "5:2,virtio-blk,/img2", "-s", "7,virtio-rnd",
		    "-s", "1:5:0,virtio-rnd", "-k", "/boot/vmlinuz", "-r", "/boot/initrd", "-B",
		    "console=ttyS0 quiet", "vm-1");
	assert_int_equal(plan.warnings.count, 0);
}

/* plan.devices is in bus:slot:func order, names the recipe's device, and
 * `argument` points at that device's "-s" value. */
static void plan_devices_sorted(void **state)
{
	(void)state;
	canonical_vm();
	build_ok();
	static const struct {
		size_t device;
		int bus, slot, func;
		size_t argument;
		const char *value;
	} expected[] = {
		{6, 0, 0, 0, 6, "0:0,hostbridge"},        {4, 0, 1, 0, 8, "1:0,lpc"},
		{5, 0, 5, 0, 14, "5,virtio-blk,/img,ro"}, {2, 0, 5, 2, 16, "5:2,virtio-blk,/img2"},
		{1, 0, 7, 0, 18, "7,virtio-rnd"},         {3, 1, 5, 0, 20, "1:5:0,virtio-rnd"},
	};
	assert_int_equal(plan.device_count, 6);
	for (size_t i = 0; i < 6; i++) {
		const struct acrn_placed_device *placed = &plan.devices[i];
		assert_int_equal(placed->device, expected[i].device);
		assert_int_equal(placed->bus, expected[i].bus);
		assert_int_equal(placed->slot, expected[i].slot);
		assert_int_equal(placed->func, expected[i].func);
		assert_int_equal(placed->argument, expected[i].argument);
		assert_string_equal(plan.argv.items[placed->argument - 1], "-s");
		assert_string_equal(plan.argv.items[placed->argument], expected[i].value);
	}
}

/* Each slot form on its own: lpc keeps ":0" wherever it sits, a non-zero
 * function shows, a device off bus 0 shows all three numbers. */
static void slot_forms(void **state)
{
	(void)state;
	vm_new("3.3", "slots");
	add_hostbridge();
	add("lpc", 0, 31, 0);
	add("virtio-rnd", 0, 3, 1);
	add("virtio-rnd", 0, 3, 0);
	add("virtio-rnd", 255, 31, 7);
	add("virtio-rnd", 2, 0, 0);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "3,virtio-rnd", "-s", "3:1,virtio-rnd", "-s",
		    "31:0,lpc", "-s", "2:0:0,virtio-rnd", "-s", "255:31:7,virtio-rnd", "slots");
}

/* Memory given as text is passed as written; given in MiB it gets "M". */
static void memory_forms(void **state)
{
	(void)state;
	vm_new("3.3", "m");
	add_hostbridge();
	*option("memory") = text("2G");
	build_ok();
	EXPECT_ARGV("-m", "2G", "-s", "0:0,hostbridge", "m");
	*option("memory") = (struct acrn_value){.set = true, .number = 512};
	build_ok();
	EXPECT_ARGV("-m", "512M", "-s", "0:0,hostbridge", "m");
}

/* ---- the Kata reference sandbox ------------------------------------------------ */

#define KATA_BOOTARGS                                                                      \
	"tsc=reliable no_timer_check nohpet console=tty0 console=ttyS0 console=hvc0 "      \
	"log_buf_len=16M consoleblank=0 iommu=off i915.avail_planes_per_pipe=0x070F00 "    \
	"i915.enable_hangcheck=0 i915.nuclear_pageflip=1 i915.enable_guc_loading=0 "       \
	"i915.enable_guc_submission=0 i915.enable_guc=0 root=/dev/vda1 rw rootwait quiet " \
	"systemd.show_status=false panic=1 maxcpus=1"

/* kata-acrn.md "The reference Kata sandbox" (target 2.6), device by device
 * with Kata's slots: every argv element as documented. */
static void kata_reference(void **state)
{
	(void)state;
	static const struct port console[] = {{.backend = "socket",
					       .name = "console0",
					       .path = "/run/vc/vm/4f2c9a/console.sock",
					       .console = true}};
	static const struct port agent[] = {{.backend = "socket",
					     .name = "agent.channel.0",
					     .path = "/run/vc/vm/4f2c9a/kata.sock"}};
	struct acrn_device *d;

	vm_new("2.6", "sandbox-4f2c9a");
	*option("uuid") = text("a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f");
	*option("acpi") = (struct acrn_value){.set = true, .flag = true};
	*option("memory") = (struct acrn_value){.set = true, .number = 2048};
	*option("kernel") = text("/usr/share/kata-containers/vmlinuz.container");
	*option("bootargs") = text(KATA_BOOTARGS);
	add_hostbridge();
	set_text(add("lpc", 0, 1, 0), "com1", "stdio");
	set_ports(add("virtio-console", 0, 3, 0), console, 1);
	d = add("virtio-blk", 0, 4, 0);
	set_text(d, "path", "/usr/share/kata-containers/kata-containers.img");
	set_number(d, "drive", 0);
	for (int i = 1; i <= 8; i++) {
		d = add("virtio-blk", 0, 4 + i, 0);
		set_flag(d, "nodisk", true);
		set_number(d, "drive", i);
	}
	set_ports(add("virtio-console", 0, 13, 0), agent, 1);
	d = add("virtio-net", 0, 14, 0);
	set_text(d, "tap", "tap0_kata");
	set_text(d, "mac", "02:00:ca:fe:00:04");

	build_ok();
	EXPECT_ARGV("-U", "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f", "-A", "-m", "2048M", "-s",
		    "0:0,hostbridge", "-s", "1:0,lpc", "-l", "com1,stdio", "-s",
		    "3,virtio-console,@socket:console0=/run/vc/vm/4f2c9a/console.sock", "-s",
		    "4,virtio-blk,/usr/share/kata-containers/kata-containers.img", "-s",
		    "5,virtio-blk,nodisk", "-s", "6,virtio-blk,nodisk", "-s", "7,virtio-blk,nodisk",
		    "-s", "8,virtio-blk,nodisk", "-s", "9,virtio-blk,nodisk", "-s",
		    "10,virtio-blk,nodisk", "-s", "11,virtio-blk,nodisk", "-s",
		    "12,virtio-blk,nodisk", "-s",
		    "13,virtio-console,socket:agent.channel.0=/run/vc/vm/4f2c9a/kata.sock", "-s",
		    "14,virtio-net,tap0_kata,mac=02:00:ca:fe:00:04", "-k",
		    "/usr/share/kata-containers/vmlinuz.container", "-B", KATA_BOOTARGS,
		    "sandbox-4f2c9a");
	assert_int_equal(plan.warnings.count, 0);
}

/* ---- VM-wide rules ------------------------------------------------------------- */

/* Two devices in one slot: the error names the later device and the earlier. */
static void duplicate_slot(void **state)
{
	(void)state;
	vm_new("3.3", "dup");
	add_hostbridge();
	add("virtio-rnd", 0, 6, 0);
	set_text(add("virtio-blk", 0, 4, 0), "path", "/img");
	add("virtio-rnd", 0, 4, 0);
	build_fails(4,
		    "device #4 (virtio-rnd): slot 0:4:0 is already taken by device #3 "
		    "(virtio-blk)",
		    NULL);

	/* the same slot and function off bus 0 is a different place */
	vm_new("3.3", "dup");
	add_hostbridge();
	add("virtio-rnd", 0, 4, 0);
	add("virtio-rnd", 1, 4, 0);
	add("virtio-rnd", 0, 4, 1);
	build_ok();

	/* ... and a device may not share 0:0:0 with the host bridge */
	vm_new("3.3", "dup");
	add("virtio-rnd", 0, 0, 0);
	add_hostbridge();
	build_fails(2,
		    "device #2 (hostbridge): slot 0:0:0 is already taken by device #1 "
		    "(virtio-rnd)",
		    NULL);
}

/* Exactly one host bridge, at 0:0:0. */
static void hostbridge_rules(void **state)
{
	(void)state;
	vm_new("3.3", "hb");
	add_hostbridge();
	add("virtio-rnd", 0, 3, 0);
	add_hostbridge();
	build_fails(3, "device #3 (hostbridge)", "exactly one host bridge");

	vm_new("3.3", "hb");
	add("hostbridge", 0, 3, 0);
	build_fails(1, "device #1 (hostbridge)", "must be at 0:0:0, not 0:3:0");

	vm_new("3.3", "hb");
	add("hostbridge", 1, 0, 0);
	build_fails(1, "must be at 0:0:0, not 1:0:0", NULL);

	vm_new("3.3", "hb");
	add("hostbridge", 0, 0, 1);
	build_fails(1, "must be at 0:0:0, not 0:0:1", NULL);

	vm_new("3.3", "hb");
	add("virtio-rnd", 0, 3, 0);
	add("lpc", 0, 1, 0);
	build_fails(0, "no host bridge", NULL);
}

/* At most one LPC bridge, on bus 0. */
static void lpc_rules(void **state)
{
	(void)state;
	vm_new("3.3", "lpc");
	add_hostbridge();
	add("lpc", 0, 1, 0);
	add("lpc", 0, 31, 0);
	build_fails(3, "device #3 (lpc)", "at most one LPC bridge");

	vm_new("3.3", "lpc");
	add_hostbridge();
	add("lpc", 1, 1, 0);
	build_fails(2, "device #2 (lpc)", "must be on bus 0, not bus 1");
}

/* Bus 0-255, slot 0-31, function 0-7; ACRN_UNSET is out of range too. */
static void placement_ranges(void **state)
{
	(void)state;
	static const struct {
		int bus, slot, func;
		const char *words;
	} cases[] = {
		{0, 32, 0, "slot 32 is out of range 0-31"},
		{0, 3, 8, "func 8 is out of range 0-7"},
		{256, 3, 0, "bus 256 is out of range 0-255"},
		{ACRN_UNSET, 3, 0, "bus -1 is out of range"},
		{0, ACRN_UNSET, 0, "slot -1 is out of range"},
		{0, 3, ACRN_UNSET, "func -1 is out of range"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		vm_new("3.3", "range");
		add_hostbridge();
		add("virtio-rnd", cases[i].bus, cases[i].slot, cases[i].func);
		build_fails(2, "device #2 (virtio-rnd)", cases[i].words);
	}
	vm_new("3.3", "range");
	add_hostbridge();
	add("virtio-rnd", 255, 31, 7);
	build_ok();
}

/* acrn-dm has one stdio: an lpc UART and a console port cannot both use it. */
static void two_stdio_users(void **state)
{
	(void)state;
	static const struct port stdio[] = {{.backend = "stdio"}};
	vm_new("3.3", "io");
	add_hostbridge();
	set_text(add("lpc", 0, 1, 0), "com1", "stdio");
	add("virtio-rnd", 0, 2, 0);
	set_ports(add("virtio-console", 0, 3, 0), stdio, 1);
	build_fails(4, "device #4 (virtio-console): ports also uses stdio",
		    "device #2 (lpc) already uses");

	/* the other way round */
	vm_new("3.3", "io");
	add_hostbridge();
	set_ports(add("virtio-console", 0, 3, 0), stdio, 1);
	set_text(add("lpc", 0, 1, 0), "com2", "stdio");
	build_fails(3, "device #3 (lpc): com2 also uses stdio", "device #2 (virtio-console)");

	/* one stdio user and a tcp UART are fine */
	vm_new("3.3", "io");
	add_hostbridge();
	struct acrn_device *lpc = add("lpc", 0, 1, 0);
	set_text(lpc, "com1", "tcp:4444");
	set_text(lpc, "com2", "/dev/ttyS1");
	set_ports(add("virtio-console", 0, 3, 0), stdio, 1);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "1:0,lpc", "-l", "com1,tcp:4444", "-l",
		    "com2,/dev/ttyS1", "-s", "3,virtio-console,stdio:stdio_port", "io");
}

/* Two console devices each with one stdio port. */
static void two_stdio_consoles(void **state)
{
	(void)state;
	static const struct port stdio[] = {{.backend = "stdio"}};
	vm_new("3.3", "io");
	add_hostbridge();
	set_ports(add("virtio-console", 0, 3, 0), stdio, 1);
	set_ports(add("virtio-console", 0, 4, 0), stdio, 1);
	build_fails(3, "device #3 (virtio-console): ports also uses stdio",
		    "device #2 (virtio-console) already uses");
}

/* Regression (found by this test, fixed): two stdio ports in the first (and only) stdio device: vm_wide_check
 * adds both users before it records the device as the first stdio user, so
 * the message says "which device #0 ((null)) already uses" (and passes NULL
 * to %s).  It must say the device uses stdio more than once. */
static void two_stdio_ports_one_device(void **state)
{
	(void)state;
	static const struct port two[] = {{.backend = "stdio", .name = "a"},
					  {.backend = "stdio", .name = "b"}};
	vm_new("3.3", "io");
	add_hostbridge();
	set_ports(add("virtio-console", 0, 3, 0), two, 2);
	build_fails(2, "device #2 (virtio-console): ports uses stdio more than once", NULL);
	assert_null(strstr(error.message, "(null)"));
	assert_null(strstr(error.message, "device #0"));
}

/* A drive index is unique among the VM's virtio-blk devices. */
static void duplicate_drive(void **state)
{
	(void)state;
	vm_new("3.3", "drives");
	add_hostbridge();
	struct acrn_device *d = add("virtio-blk", 0, 4, 0);
	set_text(d, "path", "/a");
	set_number(d, "drive", 3);
	d = add("virtio-blk", 0, 5, 0);
	set_text(d, "path", "/b");
	set_number(d, "drive", 4);
	d = add("virtio-blk", 0, 6, 0);
	set_flag(d, "nodisk", true);
	set_number(d, "drive", 3);
	build_fails(4, "device #4 (virtio-blk): drive 3 is already used by device #2 (virtio-blk)",
		    NULL);

	set_number(d, "drive", 5);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "4,virtio-blk,/a", "-s", "5,virtio-blk,/b", "-s",
		    "6,virtio-blk,nodisk", "drives");
}

/* ---- the VM's own fields ----------------------------------------------------- */

/* -U is refused on 3.3 (removed in 2.7). */
static void uuid_on_33(void **state)
{
	(void)state;
	vm_new("3.3", "u");
	add_hostbridge();
	*option("uuid") = text("a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f");
	build_fails(0, "uuid", "removed in ACRN 2.7");
}

/* -A on 3.3 passes with a warning in plan.warnings; false asks for nothing. */
static void acpi_on_33_warns(void **state)
{
	(void)state;
	vm_new("3.3", "a");
	add_hostbridge();
	*option("acpi") = (struct acrn_value){.set = true, .flag = true};
	build_ok();
	EXPECT_ARGV("-A", "-s", "0:0,hostbridge", "a");
	assert_int_equal(plan.warnings.count, 1);
	assert_non_null(strstr(plan.warnings.items[0], "acpi"));
	assert_non_null(strstr(plan.warnings.items[0], "ignored"));
	assert_non_null(strstr(plan.warnings.items[0], "3.0"));

	*option("acpi") = (struct acrn_value){.set = true, .flag = false};
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "a");
	assert_int_equal(plan.warnings.count, 0);
}

/* The name is required, checked for the target, and errors are VM-wide. */
static void vm_name_rules(void **state)
{
	(void)state;
	vm_new("3.3", NULL);
	add_hostbridge();
	build_fails(0, "name is required", NULL);

	vm_new("3.3", "sandbox-4f2c9a-x");
	add_hostbridge();
	build_fails(0, "\"sandbox-4f2c9a-x\"", "at most 15");

	vm_new("2.6", "sandbox-4f2c9a-x");
	add_hostbridge();
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "sandbox-4f2c9a-x");
}

/* Devices are checked in the recipe's order: the first bad one is reported. */
static void first_problem_first(void **state)
{
	(void)state;
	vm_new("3.3", "first");
	add_hostbridge();
	add("virtio-rnd", 0, 40, 0);
	set_text(add("virtio-blk", 0, 3, 0), "path", "");
	build_fails(2, "slot 40", NULL);

	vm_new("3.3", "first");
	add_hostbridge();
	add("virtio-blk", 0, 3, 0);
	add("virtio-rnd", 0, 40, 0);
	build_fails(2, "device #2 (virtio-blk)", "needs a path");
}

/* The same input builds to the same bytes. */
static void deterministic(void **state)
{
	(void)state;
	struct acrn_strings first = {0};
	canonical_vm();
	build_ok();
	for (size_t i = 0; i < plan.argv.count; i++)
		assert_int_equal(acrn_strings_add(&first, plan.argv.items[i]), 0);
	build_ok();
	assert_int_equal(plan.argv.count, first.count);
	for (size_t i = 0; i < first.count; i++)
		assert_memory_equal(plan.argv.items[i], first.items[i], strlen(first.items[i]) + 1);
	acrn_strings_free(&first);
}

/* A failed build leaves whatever it allocated to acrn_plan_free, which
 * frees it all (ASan's leak check sees the rest) and zeroes the plan. */
static void plan_free_after_failure(void **state)
{
	(void)state;
	/* fails late: devices rendered, warnings added, then a duplicate slot */
	vm_new("3.3", "late");
	*option("acpi") = (struct acrn_value){.set = true, .flag = true};
	add_hostbridge();
	set_text(add("virtio-blk", 0, 3, 0), "path", "/img");
	add("virtio-rnd", 0, 3, 0);
	build_fails(3, "already taken", NULL);
	assert_non_null(plan.devices);
	assert_int_equal(plan.warnings.count, 1);
	acrn_plan_free(&plan);
	assert_null(plan.devices);
	assert_null(plan.argv.items);
	assert_null(plan.warnings.items);
	assert_int_equal(plan.device_count, 0);

	/* fails half way through the devices */
	vm_new("3.3", "mid");
	add_hostbridge();
	set_text(add("virtio-blk", 0, 3, 0), "path", "/img");
	add("virtio-blk", 0, 4, 0);
	build_fails(3, "needs a path", NULL);
	acrn_plan_free(&plan);
	assert_null(plan.devices);

	/* fails before any device */
	vm_new("3.3", "bad name");
	add_hostbridge();
	build_fails(0, "character outside", NULL);
	acrn_plan_free(&plan);
	assert_null(plan.devices);
}

/* ---- acrn_device_render ---------------------------------------------------- */

/* One device's -s value after the slot; errors carry the index given. */
static void device_render(void **state)
{
	(void)state;
	char buffer[256];
	struct acrn_strings warnings = {0};
	vm_new("2.6", "r");
	struct acrn_device *d = add("virtio-blk", 0, 4, 0);
	set_text(d, "path", "/img");
	set_flag(d, "ro", true);
	assert_int_equal(acrn_device_render(&vm, d, 7, buffer, sizeof buffer, &warnings, &error),
			 0);
	assert_string_equal(buffer, "virtio-blk,/img,ro");
	assert_int_equal(warnings.count, 0);

	d = add("virtio-net", 0, 5, 0);
	set_text(d, "tap", "tap0");
	set_flag(d, "vhost", true);
	assert_int_equal(acrn_device_render(&vm, d, 2, buffer, sizeof buffer, NULL, &error), 0);
	assert_string_equal(buffer, "virtio-net,tap0,vhost");

	d = add("lpc", 0, 1, 0);
	set_text(d, "com1", "stdio");
	assert_int_equal(acrn_device_render(&vm, d, 1, buffer, sizeof buffer, NULL, &error), 0);
	assert_string_equal(buffer, "lpc"); /* the UARTs go to -l */

	assert_int_equal(acrn_device_render(&vm, add("virtio-rnd", 0, 6, 0), 1, buffer,
					    sizeof buffer, NULL, &error),
			 0);
	assert_string_equal(buffer, "virtio-rnd");

	/* too small a buffer */
	d = add("virtio-blk", 0, 8, 0);
	set_text(d, "path", "/a/rather/long/path/to/an/image");
	memset(&error, 0, sizeof error);
	assert_int_equal(acrn_device_render(&vm, d, 5, buffer, 16, NULL, &error), -ENOSPC);
	assert_int_equal(error.device, 5);
	assert_non_null(strstr(error.message, "device #5 (virtio-blk)"));
	assert_non_null(strstr(error.message, "longer than 15 bytes"));

	/* an invalid device */
	d = add("virtio-blk", 0, 9, 0);
	set_text(d, "path", "/img");
	set_number(d, "drive", 5000);
	memset(&error, 0, sizeof error);
	assert_int_equal(acrn_device_render(&vm, d, 9, buffer, sizeof buffer, NULL, &error),
			 -EINVAL);
	assert_int_equal(error.device, 9);
	assert_non_null(strstr(error.message, "device #9 (virtio-blk): drive 5000"));
	assert_non_null(strstr(error.message, "out of range"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(canonical_order),
		TEST(plan_devices_sorted),
		TEST(slot_forms),
		TEST(memory_forms),
		TEST(kata_reference),
		TEST(duplicate_slot),
		TEST(hostbridge_rules),
		TEST(lpc_rules),
		TEST(placement_ranges),
		TEST(two_stdio_users),
		TEST(two_stdio_consoles),
		TEST(two_stdio_ports_one_device),
		TEST(duplicate_drive),
		TEST(uuid_on_33),
		TEST(acpi_on_33_warns),
		TEST(vm_name_rules),
		TEST(first_problem_first),
		TEST(deterministic),
		TEST(plan_free_after_failure),
		TEST(device_render),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
