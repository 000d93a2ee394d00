/* SPDX-License-Identifier: Apache-2.0 */
/* Whole VMs: cross-device checks and the argv in canonical order (core/vm.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acrn.h"

/* ---- a small VM builder ---------------------------------------------------- */

#define DEVICES_MAX 40

static struct acrn_device devices[DEVICES_MAX];
static struct acrn_vm vm;
static struct acrn_plan plan;
static struct acrn_error error;

/* Storage for the items of lists and records, reset by vm_new. */
static struct acrn_value pool[4096];
static size_t pool_used;

static struct acrn_value text(const char *s)
{
	return (struct acrn_value){.set = true, .text = s, .length = strlen(s)};
}

/* A VM for `target` called `name`, with no devices and no options. */
static void vm_new(const char *target, const char *name)
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
static struct acrn_device *add(const char *kind, int bus, int slot, int func)
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

static struct acrn_value *field(struct acrn_device *device, const char *name)
{
	int index = acrn_field_find(device->emulation, name);
	assert_true(index >= 0);
	return &device->values[index];
}

static void set_text(struct acrn_device *device, const char *name, const char *value)
{
	*field(device, name) = text(value);
}

static void set_flag(struct acrn_device *device, const char *name, bool flag)
{
	*field(device, name) = (struct acrn_value){.set = true, .flag = flag};
}

static void set_number(struct acrn_device *device, const char *name, long long number)
{
	*field(device, name) = (struct acrn_value){.set = true, .number = number};
}

static struct acrn_value *items(size_t count)
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

static struct acrn_value text_or_unset(const char *s)
{
	return s ? text(s) : (struct acrn_value){0};
}

/* Sets the device's ports (RECORDS) to `count` ports. */
static void set_ports(struct acrn_device *device, const struct port *ports, size_t count)
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

static struct acrn_value *option(const char *name)
{
	int index = acrn_option_find(name);
	assert_true(index >= 0);
	return &vm.options[index];
}

static struct port port(const char *backend, const char *name, const char *path,
		        const char *mode, bool console)
{
	return (struct port){.backend = backend, .name = name, .path = path, .mode = mode,
			     .console = console};
}

/* The usual first device. */
static void add_hostbridge(void)
{
	add("hostbridge", 0, 0, 0);
}

/* Builds `vm` into a fresh `plan`. */
static int build(void)
{
	acrn_plan_free(&plan);
	memset(&error, 0, sizeof error);
	int rc = acrn_build(&vm, &plan, &error);
	if (rc != 0 && rc != -EINVAL)
		print_error("acrn_build: %d: %s\n", rc, error.message);
	return rc;
}

static void build_ok(void)
{
	int rc = build();
	if (rc)
		print_error("unexpected failure: %s\n", error.message);
	assert_int_equal(rc, 0);
}

/* The build fails for device `device` (0: the VM) with these words. */
static void build_fails(size_t device, const char *word, const char *word2)
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

static void check_argv(const char *const *expected, size_t count)
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

#define EXPECT_ARGV(...)                                                                 \
	check_argv((const char *const[]){__VA_ARGS__},                                   \
		   sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

static int teardown(void **state)
{
	(void)state;
	acrn_plan_free(&plan);
	return 0;
}

#define TEST(name) cmocka_unit_test_teardown(name, teardown)

/* ---- order and slots ---------------------------------------------------------- */

/* A VM with everything, its devices given out of order. */
static void canonical_vm(void)
{
	vm_new("2.6", "vm-1");
	struct acrn_device *d;
	add("virtio-rnd", 0, 7, 0);                                    /* #1 */
	set_text(add("virtio-blk", 0, 5, 2), "path", "/img2");          /* #2 */
	add("virtio-rnd", 1, 5, 0);                                    /* #3 */
	d = add("lpc", 0, 1, 0);                                       /* #4 */
	set_text(d, "com1", "stdio");
	set_text(d, "com2", "");
	d = add("virtio-blk", 0, 5, 0);                                /* #5 */
	set_text(d, "path", "/img");
	set_flag(d, "ro", true);
	add_hostbridge();                                              /* #6 */
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
	EXPECT_ARGV("-U", "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f", "-A", "-m", "2048M",
		    "-s", "0:0,hostbridge",
		    "-s", "1:0,lpc", "-l", "com1,stdio", "-l", "com2",
		    "-s", "5,virtio-blk,/img,ro",
		    "-s", "5:2,virtio-blk,/img2",
		    "-s", "7,virtio-rnd",
		    "-s", "1:5:0,virtio-rnd",
		    "-k", "/boot/vmlinuz", "-r", "/boot/initrd", "-B", "console=ttyS0 quiet",
		    "vm-1");
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
		{6, 0, 0, 0, 6, "0:0,hostbridge"},
		{4, 0, 1, 0, 8, "1:0,lpc"},
		{5, 0, 5, 0, 14, "5,virtio-blk,/img,ro"},
		{2, 0, 5, 2, 16, "5:2,virtio-blk,/img2"},
		{1, 0, 7, 0, 18, "7,virtio-rnd"},
		{3, 1, 5, 0, 20, "1:5:0,virtio-rnd"},
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
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "3,virtio-rnd", "-s", "3:1,virtio-rnd",
		    "-s", "31:0,lpc", "-s", "2:0:0,virtio-rnd", "-s", "255:31:7,virtio-rnd",
		    "slots");
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
	static const struct port console[] = {
		{.backend = "socket", .name = "console0",
		 .path = "/run/vc/vm/4f2c9a/console.sock", .console = true}};
	static const struct port agent[] = {
		{.backend = "socket", .name = "agent.channel.0",
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
	EXPECT_ARGV("-U", "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f",
		    "-A",
		    "-m", "2048M",
		    "-s", "0:0,hostbridge",
		    "-s", "1:0,lpc",
		    "-l", "com1,stdio",
		    "-s", "3,virtio-console,@socket:console0=/run/vc/vm/4f2c9a/console.sock",
		    "-s", "4,virtio-blk,/usr/share/kata-containers/kata-containers.img",
		    "-s", "5,virtio-blk,nodisk",
		    "-s", "6,virtio-blk,nodisk",
		    "-s", "7,virtio-blk,nodisk",
		    "-s", "8,virtio-blk,nodisk",
		    "-s", "9,virtio-blk,nodisk",
		    "-s", "10,virtio-blk,nodisk",
		    "-s", "11,virtio-blk,nodisk",
		    "-s", "12,virtio-blk,nodisk",
		    "-s", "13,virtio-console,socket:agent.channel.0=/run/vc/vm/4f2c9a/kata.sock",
		    "-s", "14,virtio-net,tap0_kata,mac=02:00:ca:fe:00:04",
		    "-k", "/usr/share/kata-containers/vmlinuz.container",
		    "-B", KATA_BOOTARGS,
		    "sandbox-4f2c9a");
	assert_int_equal(plan.warnings.count, 0);
}

/* ---- devices ---------------------------------------------------------------- */

/* A hostbridge and one virtio-net with these fields. */
static struct acrn_device *net_vm(const char *target, const char *tap)
{
	vm_new(target, "net");
	add_hostbridge();
	struct acrn_device *d = add("virtio-net", 0, 3, 0);
	set_text(d, "tap", tap);
	set_text(d, "mac", "02:00:ca:fe:00:04");
	return d;
}

/* virtio-net: a bare tap name on 2.6, tap=NAME from 3.0; vhost as a flag
 * before mac; macvtap renders nothing of its own. */
static void net_rendering(void **state)
{
	(void)state;
	net_vm("2.6", "tap0");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "3,virtio-net,tap0,mac=02:00:ca:fe:00:04", "net");

	net_vm("3.3", "tap0");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "3,virtio-net,tap=tap0,mac=02:00:ca:fe:00:04",
		    "net");

	struct acrn_device *d = net_vm("3.3", "macvtap0");
	set_flag(d, "vhost", true);
	set_flag(d, "macvtap", true);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge",
		    "-s", "3,virtio-net,tap=macvtap0,vhost,mac=02:00:ca:fe:00:04", "net");

	d = net_vm("2.6", "tap1");
	*field(d, "mac") = (struct acrn_value){0};
	set_flag(d, "vhost", false);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "3,virtio-net,tap1", "net");
}

/* Up to 2.7 acrn-dm opens only tap* and vmnet* interfaces; 3.3 any name. */
static void net_tap_prefix(void **state)
{
	(void)state;
	net_vm("2.6", "eth0");
	build_fails(2, "device #2 (virtio-net)", "must start with \"tap\" or \"vmnet\"");
	assert_non_null(strstr(error.message, "\"eth0\""));

	net_vm("2.6", "macvtap0");
	build_fails(2, "must start with \"tap\"", NULL);

	net_vm("2.6", "vmnet1");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "3,virtio-net,vmnet1,mac=02:00:ca:fe:00:04",
		    "net");

	net_vm("3.3", "eth0");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "3,virtio-net,tap=eth0,mac=02:00:ca:fe:00:04",
		    "net");
}

/* A field error names the device, the field and the value. */
static void net_bad_mac(void **state)
{
	(void)state;
	struct acrn_device *d = net_vm("3.3", "tap0");
	set_text(d, "mac", "01:00:5e:00:00:01");
	build_fails(2, "device #2 (virtio-net): mac \"01:00:5e:00:00:01\"", "multicast");
}

static struct acrn_device *blk_vm(void)
{
	vm_new("3.3", "blk");
	add_hostbridge();
	return add("virtio-blk", 0, 4, 0);
}

/* virtio-blk: nodisk alone renders "nodisk"; a path alone renders the path;
 * both, neither, or a path containing "nodisk" are errors. */
static void blk_nodisk(void **state)
{
	(void)state;
	struct acrn_device *d = blk_vm();
	set_flag(d, "nodisk", true);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "4,virtio-blk,nodisk", "blk");

	d = blk_vm();
	set_text(d, "path", "/var/lib/img");
	set_flag(d, "nodisk", false);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "4,virtio-blk,/var/lib/img", "blk");

	d = blk_vm();
	set_text(d, "path", "/var/lib/img");
	set_flag(d, "nodisk", true);
	build_fails(2, "device #2 (virtio-blk)", "either path or nodisk");

	d = blk_vm();
	build_fails(2, "device #2 (virtio-blk)", "needs a path, or nodisk = true");

	d = blk_vm();
	set_flag(d, "nodisk", false);
	build_fails(2, "needs a path", NULL);

	d = blk_vm();
	set_text(d, "path", "/images/nodisk.img");
	build_fails(2, "\"/images/nodisk.img\"", "contains \"nodisk\"");
}

/* ro and cache render after the path, in the catalogue's order. */
static void blk_ro_cache(void **state)
{
	(void)state;
	struct acrn_device *d = blk_vm();
	set_text(d, "path", "/img");
	set_text(d, "cache", "writeback");
	set_flag(d, "ro", true);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "4,virtio-blk,/img,ro,writeback", "blk");

	d = blk_vm();
	set_text(d, "path", "/img");
	set_text(d, "cache", "writethru");
	set_flag(d, "ro", false);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "4,virtio-blk,/img,writethru", "blk");

	d = blk_vm();
	set_text(d, "path", "/img");
	set_text(d, "cache", "none");
	build_fails(2, "cache \"none\"", "not one of writeback, writethru");

	d = blk_vm();
	set_text(d, "path", "/img,ro");
	build_fails(2, "path \"/img,ro\"", "','");
}

/* virtio-console ports render in order: '@' for the console, a default
 * name "<backend>_port", "=PATH", ":MODE". */
static void console_ports_rendering(void **state)
{
	(void)state;
	const struct port ports[] = {
		port("pty", NULL, NULL, NULL, true),
		port("tty", "t", "/dev/pts/1", NULL, false),
		port("socket", "s", "/run/s.sock", "client", false),
		port("file", NULL, "/tmp/f", NULL, false),
		port("stdio", NULL, NULL, NULL, false),
	};
	vm_new("3.3", "con");
	add_hostbridge();
	set_ports(add("virtio-console", 0, 3, 0), ports, 5);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge",
		    "-s", "3,virtio-console,@pty:pty_port,tty:t=/dev/pts/1,"
			  "socket:s=/run/s.sock:client,file:file_port=/tmp/f,stdio:stdio_port",
		    "con");
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
	build_fails(4, "device #4 (virtio-rnd): slot 0:4:0 is already taken by device #3 "
		       "(virtio-blk)", NULL);

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
	build_fails(2, "device #2 (hostbridge): slot 0:0:0 is already taken by device #1 "
		       "(virtio-rnd)", NULL);
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
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "4,virtio-blk,/a", "-s", "5,virtio-blk,/b",
		    "-s", "6,virtio-blk,nodisk", "drives");
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
	assert_int_equal(acrn_device_render(&vm, d, 7, buffer, sizeof buffer, &warnings, &error), 0);
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

/* ---- the catalogue of 1.6 to 3.3: expected strings from acrn-dm.md ------------ */

static struct acrn_value num(long long n)
{
	return (struct acrn_value){.set = true, .number = n};
}

static struct acrn_value yes(void)
{
	return (struct acrn_value){.set = true, .flag = true};
}

/* A LIST of numbers or of texts. */
static struct acrn_value numbers(size_t count, const long long *list)
{
	struct acrn_value *all = items(count);
	for (size_t i = 0; i < count; i++)
		all[i] = num(list[i]);
	return (struct acrn_value){.set = true, .items = all, .count = count};
}

static struct acrn_value texts(size_t count, const char *const *list)
{
	struct acrn_value *all = items(count);
	for (size_t i = 0; i < count; i++)
		all[i] = text(list[i]);
	return (struct acrn_value){.set = true, .items = all, .count = count};
}

#define NUMBERS(...)                                                                     \
	numbers(sizeof((const long long[]){__VA_ARGS__}) / sizeof(long long),            \
		(const long long[]){__VA_ARGS__})
#define TEXTS(...)                                                                       \
	texts(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *),         \
	      (const char *const[]){__VA_ARGS__})

static const struct acrn_field *device_field(const struct acrn_device *device, const char *name)
{
	int index = acrn_field_find(device->emulation, name);
	assert_true(index >= 0);
	return &device->emulation->fields[index];
}

static const struct acrn_field *option_field(const char *name)
{
	size_t count;
	int index = acrn_option_find(name);
	assert_true(index >= 0);
	return &acrn_options(&count)[index].field;
}

/* A RECORDS value of `count` empty records of `field` (a RECORD: count 1). */
static struct acrn_value records(const struct acrn_field *field, size_t count)
{
	assert_non_null(field->record);
	return (struct acrn_value){.set = true, .items = items(count * field->record->count),
				   .count = count};
}

/* Sets field `name` of record `index` of `value`. */
static void put(const struct acrn_field *field, struct acrn_value *value, size_t index,
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
static struct acrn_device *one_device(const char *target, const char *kind)
{
	vm_new(target, "t");
	add_hostbridge();
	return kind ? add(kind, 0, 3, 0) : NULL;
}

/* The build succeeds and the device at slot 3 renders to "3,CONFIG". */
static void expect_config(const char *config)
{
	char slot[512];
	build_ok();
	snprintf(slot, sizeof slot, "3,%s", config);
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", slot, "t");
}

/* plan.warnings has exactly `count` entries and one holds both words. */
static void expect_warning(size_t count, const char *word, const char *word2)
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

/* passthru: "00:1f.3", "0000:00:1f.3" and "0/1f/3" all render BUS/DEV/FUNC
 * in hex; anything else is refused naming the value. */
static void passthru_bdf_forms(void **state)
{
	(void)state;
	const char *good[] = {"00:1f.3", "0000:00:1f.3", "0/1f/3", "0:1F.3"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		set_text(one_device("3.3", "passthru"), "bdf", good[i]);
		expect_config("passthru,0/1f/3");
	}
	set_text(one_device("3.3", "passthru"), "bdf", "02:00.0");
	expect_config("passthru,2/0/0");
	set_text(one_device("2.6", "passthru"), "bdf", "ff:1f.7");
	expect_config("passthru,ff/1f/7");

	const char *bad[] = {"00:20.0",     "00:1f.8",  "100:00.0", "0001:00:1f.3", "00:1f",
			     "0/1f",        "0/1f/3/0", "0/1f/3x",  "0x0/1f/3",     " 00:1f.3",
			     "00:1f.3 ",    "00:1g.3",  "00-1f-3",  "00:1f/3",      "-1/1f/3",
			     "+0/1f/3",     ""};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char shown[64];
		set_text(one_device("3.3", "passthru"), "bdf", bad[i]);
		snprintf(shown, sizeof shown, "bdf \"%s\"", bad[i]);
		build_fails(2, "device #2 (passthru)", shown);
		assert_non_null(strstr(error.message, "not a host PCI device"));
	}
	one_device("3.3", "passthru");
	build_fails(2, "device #2 (passthru): bdf is required", NULL);
}

/* passthru options in acrn-dm's order, each from the release that has it:
 * d3hot_reset and vmsix_on_msi 2.1, enable_ptm 2.5, romfile 3.2, irq and
 * dsdt 3.3; vmsix_on_msi takes its BAR as the next comma field. */
static void passthru_options(void **state)
{
	(void)state;
	struct acrn_device *d = one_device("3.3", "passthru");
	set_text(d, "bdf", "00:1f.3");
	set_flag(d, "keep_gsi", true);
	set_flag(d, "no_reset", true);
	set_flag(d, "d3hot_reset", true);
	set_number(d, "vmsix_on_msi", 2);
	set_flag(d, "enable_ptm", true);
	set_text(d, "romfile", "/rom.bin");
	set_number(d, "irq", 5);
	set_text(d, "dsdt", "/d.aml");
	expect_config("passthru,0/1f/3,keep_gsi,no_reset,d3hot_reset,vmsix_on_msi,2,enable_ptm,"
		      "romfile=/rom.bin,irq=5,dsdt=/d.aml");

	static const struct {
		const char *field, *too_early, *first, *config, *since;
		long long number; /* -1: a flag; else the number */
		const char *path;
	} gates[] = {
		{"d3hot_reset", "2.0", "2.1", "passthru,0/1f/3,d3hot_reset", "2.1", -1, NULL},
		{"vmsix_on_msi", "2.0", "2.1", "passthru,0/1f/3,vmsix_on_msi,2", "2.1", 2, NULL},
		{"enable_ptm", "2.4", "2.5", "passthru,0/1f/3,enable_ptm", "2.5", -1, NULL},
		{"romfile", "3.1", "3.2", "passthru,0/1f/3,romfile=/rom.bin", "3.2", 0, "/rom.bin"},
		{"irq", "3.2", "3.3", "passthru,0/1f/3,irq=5", "3.3", 5, NULL},
		{"dsdt", "3.2", "3.3", "passthru,0/1f/3,dsdt=/d.aml", "3.3", 0, "/d.aml"},
	};
	for (size_t i = 0; i < sizeof gates / sizeof gates[0]; i++) {
		for (int pass = 0; pass < 2; pass++) {
			d = one_device(pass ? gates[i].first : gates[i].too_early, "passthru");
			set_text(d, "bdf", "0/1f/3");
			if (gates[i].path)
				set_text(d, gates[i].field, gates[i].path);
			else if (gates[i].number < 0)
				set_flag(d, gates[i].field, true);
			else
				set_number(d, gates[i].field, gates[i].number);
			if (pass) {
				expect_config(gates[i].config);
			} else {
				char words[96];
				snprintf(words, sizeof words, "%s needs ACRN %s or later",
					 gates[i].field, gates[i].since);
				build_fails(2, "device #2 (passthru)", words);
			}
		}
	}
	/* a false flag asks for nothing, also before its release */
	d = one_device("2.0", "passthru");
	set_text(d, "bdf", "0/1f/3");
	set_flag(d, "d3hot_reset", false);
	expect_config("passthru,0/1f/3");
	/* the BAR is 0-5 */
	d = one_device("3.3", "passthru");
	set_text(d, "bdf", "0/1f/3");
	set_number(d, "vmsix_on_msi", 6);
	build_fails(2, "vmsix_on_msi 6", "out of range 0-5");
	set_number(d, "vmsix_on_msi", 0);
	expect_config("passthru,0/1f/3,vmsix_on_msi,0");
	/* romfile and dsdt are paths inside the -s string */
	set_text(d, "romfile", "/a,b.rom");
	build_fails(2, "romfile \"/a,b.rom\"", "','");
}

static struct acrn_device *blk_on(const char *target)
{
	struct acrn_device *d = one_device(target, "virtio-blk");
	set_text(d, "path", "/img");
	return d;
}

/* virtio-blk: iothread (3.1+) and mq (3.3) come before the path; iothread
 * alone or with a number. */
static void blk_iothread_mq(void **state)
{
	(void)state;
	struct acrn_device *d = blk_on("3.3");
	*field(d, "iothread") = yes();
	expect_config("virtio-blk,iothread,/img");

	d = blk_on("3.1");
	set_number(d, "iothread", 4);
	expect_config("virtio-blk,iothread=4,/img");

	d = blk_on("3.3");
	set_number(d, "iothread", 4);
	set_number(d, "mq", 2);
	set_flag(d, "ro", true);
	expect_config("virtio-blk,iothread=4,mq=2,/img,ro");

	d = blk_on("3.3");
	*field(d, "iothread") = yes();
	*field(d, "path") = (struct acrn_value){0};
	set_flag(d, "nodisk", true);
	expect_config("virtio-blk,iothread,nodisk");

	d = blk_on("3.0");
	*field(d, "iothread") = yes();
	build_fails(2, "device #2 (virtio-blk): iothread needs ACRN 3.1 or later", "target 3.0");
	d = blk_on("3.0");
	set_number(d, "iothread", 4);
	build_fails(2, "iothread needs ACRN 3.1", NULL);
	d = blk_on("3.2");
	set_number(d, "mq", 2);
	build_fails(2, "device #2 (virtio-blk): mq needs ACRN 3.3 or later", "target 3.2");

	/* a number of threads is a number in the catalogue's range */
	d = blk_on("3.3");
	set_number(d, "iothread", 0);
	build_fails(2, "iothread 0", "out of range 1-64");
	set_number(d, "iothread", 65);
	build_fails(2, "iothread 65", "out of range 1-64");
	set_number(d, "iothread", 64);
	expect_config("virtio-blk,iothread=64,/img");
	set_number(d, "mq", 0);
	build_fails(2, "mq 0", "out of range");
}

/* virtio-blk OPTs after the path: ro, cache, discard[=a:b:c],
 * sectorsize=L[/P], range=LBA/SECTORS, and from 3.3 nocache, no_bst_block,
 * aio=threads|io_uring. */
static void blk_options(void **state)
{
	(void)state;
	struct acrn_device *d = blk_on("3.3");
	set_flag(d, "ro", true);
	set_text(d, "cache", "writeback");
	*field(d, "discard") = yes();
	set_text(d, "sectorsize", "4096/4096");
	set_text(d, "range", "2048/204800");
	set_flag(d, "nocache", true);
	set_flag(d, "no_bst_block", true);
	set_text(d, "aio", "io_uring");
	expect_config("virtio-blk,/img,ro,writeback,discard,sectorsize=4096/4096,"
		      "range=2048/204800,nocache,no_bst_block,aio=io_uring");

	d = blk_on("2.6");
	set_text(d, "discard", "8:1:0");
	set_text(d, "sectorsize", "512");
	expect_config("virtio-blk,/img,discard=8:1:0,sectorsize=512");

	d = blk_on("3.3");
	set_text(d, "aio", "threads");
	expect_config("virtio-blk,/img,aio=threads");

	static const struct {
		const char *field, *value, *words;
	} bad[] = {
		{"discard", "8:1", "MAX_SECTORS:MAX_SEGMENTS:ALIGNMENT"},
		{"discard", "8:1:0:0", "MAX_SECTORS"},
		{"discard", "a:b:c", "MAX_SECTORS"},
		{"discard", "8:-1:0", "MAX_SECTORS"},
		{"discard", "8: 1:0", "MAX_SECTORS"},
		{"sectorsize", "4096/", "LOGICAL"},
		{"sectorsize", "/4096", "LOGICAL"},
		{"sectorsize", "4k", "LOGICAL"},
		{"sectorsize", "512/512/512", "LOGICAL"},
		{"range", "2048", "START_LBA/SECTORS"},
		{"range", "2048/", "START_LBA/SECTORS"},
		{"range", "-1/100", "START_LBA/SECTORS"},
		{"aio", "native", "not one of threads, io_uring"},
		{"cache", "none", "not one of writeback, writethru"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char shown[64];
		d = blk_on("3.3");
		set_text(d, bad[i].field, bad[i].value);
		snprintf(shown, sizeof shown, "%s \"%s\"", bad[i].field, bad[i].value);
		build_fails(2, shown, bad[i].words);
	}

	const char *new33[] = {"nocache", "no_bst_block"};
	for (size_t i = 0; i < 2; i++) {
		d = blk_on("3.2");
		set_flag(d, new33[i], true);
		build_fails(2, new33[i], "needs ACRN 3.3 or later");
	}
	d = blk_on("3.2");
	set_text(d, "aio", "threads");
	build_fails(2, "aio needs ACRN 3.3 or later", NULL);
}

static struct acrn_device *net_on(const char *target, const char *tap)
{
	struct acrn_device *d = one_device(target, "virtio-net");
	set_text(d, "tap", tap);
	return d;
}

/* The tap is bare up to 2.7 and tap=NAME from 3.0. */
static void net_tap_27_30(void **state)
{
	(void)state;
	net_on("2.7", "tap0");
	expect_config("virtio-net,tap0");
	net_on("3.0", "tap0");
	expect_config("virtio-net,tap=tap0");
	net_on("2.7", "vmnet0");
	expect_config("virtio-net,vmnet0");
	net_on("2.7", "eth0");
	build_fails(2, "must start with \"tap\" or \"vmnet\"", NULL);
	net_on("3.0", "eth0");
	expect_config("virtio-net,tap=eth0");
}

/* mac_seed: per device from 3.0, right after tap= and last; the VM's
 * mac_seed is --mac_seed up to 2.7 and goes into every virtio-net without a
 * mac from 3.0; it cannot go with vhost or mac. */
static void net_mac_seed(void **state)
{
	(void)state;
	struct acrn_device *d = net_on("3.0", "tap0");
	set_text(d, "mac_seed", "seed1");
	expect_config("virtio-net,tap=tap0,mac_seed=seed1");

	d = net_on("2.7", "tap0");
	set_text(d, "mac_seed", "seed1");
	build_fails(2, "device #2 (virtio-net): mac_seed needs ACRN 3.0 or later", "target 2.7");

	/* the VM's seed up to 2.7: a global option after the devices */
	net_on("2.7", "tap0");
	*option("mac_seed") = text("vmseed");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "3,virtio-net,tap0", "--mac_seed", "vmseed", "t");
	assert_int_equal(plan.warnings.count, 0);

	/* from 3.0 in each virtio-net without a mac, and not global */
	const char *releases[] = {"3.0", "3.3"};
	for (size_t i = 0; i < 2; i++) {
		vm_new(releases[i], "t");
		add_hostbridge();
		set_text(add("virtio-net", 0, 3, 0), "tap", "tap0");
		d = add("virtio-net", 0, 4, 0);
		set_text(d, "tap", "tap1");
		set_text(d, "mac", "02:00:00:00:00:01");
		d = add("virtio-net", 0, 5, 0);
		set_text(d, "tap", "tap2");
		set_text(d, "mac_seed", "own");
		*option("mac_seed") = text("vmseed");
		build_ok();
		EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "3,virtio-net,tap=tap0,mac_seed=vmseed",
			    "-s", "4,virtio-net,tap=tap1,mac=02:00:00:00:00:01",
			    "-s", "5,virtio-net,tap=tap2,mac_seed=own", "t");
		assert_int_equal(plan.warnings.count, 0);
	}

	/* with vhost: refused, whether the seed is the device's or the VM's */
	d = net_on("3.3", "tap0");
	set_text(d, "mac_seed", "seed1");
	set_flag(d, "vhost", true);
	build_fails(2, "device #2 (virtio-net): mac_seed cannot go with mac or vhost", NULL);
	d = net_on("3.3", "tap0");
	set_text(d, "mac_seed", "seed1");
	set_text(d, "mac", "02:00:00:00:00:01");
	build_fails(2, "mac_seed cannot go with mac or vhost", NULL);
	d = net_on("3.3", "tap0");
	set_flag(d, "vhost", true);
	*option("mac_seed") = text("vmseed");
	build_fails(2, "device #2 (virtio-net)", "mac_seed");
	assert_non_null(strstr(error.message, "vhost"));
	/* ... unless the device has its own mac, which the seed does not touch */
	set_text(d, "mac", "02:00:00:00:00:01");
	expect_config("virtio-net,tap=tap0,vhost,mac=02:00:00:00:00:01");
	/* up to 2.7 the VM's seed is global and goes with vhost */
	d = net_on("2.7", "tap0");
	set_flag(d, "vhost", true);
	*option("mac_seed") = text("vmseed");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "3,virtio-net,tap0,vhost", "--mac_seed", "vmseed",
		    "t");
}

/* xhci: BUS-PORT[,BUS-PORT…][:tablet][:log=X][:cap=apl], not empty. */
static void xhci_config(void **state)
{
	(void)state;
	struct acrn_device *d = one_device("3.3", "xhci");
	*field(d, "ports") = TEXTS("1-2", "2-4");
	set_flag(d, "tablet", true);
	set_text(d, "log", "3");
	expect_config("xhci,1-2,2-4:tablet:log=3");

	d = one_device("2.6", "xhci");
	*field(d, "ports") = TEXTS("1-2");
	set_text(d, "cap", "apl");
	expect_config("xhci,1-2:cap=apl");

	d = one_device("3.3", "xhci");
	set_flag(d, "tablet", true);
	expect_config("xhci,tablet");

	d = one_device("3.3", "xhci");
	set_text(d, "log", "3");
	build_fails(2, "device #2 (xhci)", "needs ports or tablet");

	const char *bad[] = {"1-2x", "1--2", "1- 2", "x-2", "1", "-1-2", "1-2,3-4", "1-"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char shown[64];
		d = one_device("3.3", "xhci");
		*field(d, "ports") = TEXTS("1-1", bad[i]);
		snprintf(shown, sizeof shown, "ports[2] \"%s\"", bad[i]);
		build_fails(2, shown, "not a host USB port BUS-PORT");
	}
	d = one_device("3.3", "xhci");
	set_flag(d, "tablet", true);
	set_text(d, "log", "3:cap=apl");
	build_fails(2, "log \"3:cap=apl\"", NULL);
	d = one_device("3.3", "xhci");
	set_flag(d, "tablet", true);
	set_text(d, "cap", "glk");
	build_fails(2, "cap \"glk\"", "not one of apl");
}

static void ahci_port(struct acrn_device *d, struct acrn_value *ports, size_t index,
		      const char *kind, const char *path)
{
	put(device_field(d, "ports"), ports, index, kind, text(path));
}

/* ahci: hd:PATH / cd:PATH ports, each with its block options, ','-joined. */
static void ahci_config(void **state)
{
	(void)state;
	struct acrn_device *d = one_device("3.3", "ahci");
	const struct acrn_field *f = device_field(d, "ports");
	struct acrn_value ports = records(f, 2);
	ahci_port(d, &ports, 0, "hd", "/a.img");
	put(f, &ports, 0, "ro", yes());
	ahci_port(d, &ports, 1, "cd", "/b.iso");
	*field(d, "ports") = ports;
	expect_config("ahci,hd:/a.img,ro,cd:/b.iso");

	d = one_device("2.6", "ahci");
	ports = records(f, 1);
	ahci_port(d, &ports, 0, "hd", "/a.img");
	put(f, &ports, 0, "cache", text("writeback"));
	*field(d, "ports") = ports;
	expect_config("ahci,hd:/a.img,writeback");

	d = one_device("3.3", "ahci");
	ports = records(f, 1);
	ahci_port(d, &ports, 0, "hd", "/a.img");
	ahci_port(d, &ports, 0, "cd", "/b.iso");
	*field(d, "ports") = ports;
	build_fails(2, "device #2 (ahci): ports[1]", "exactly one of hd and cd");

	d = one_device("3.3", "ahci");
	ports = records(f, 2);
	ahci_port(d, &ports, 0, "hd", "/a.img");
	put(f, &ports, 1, "ro", yes());
	*field(d, "ports") = ports;
	build_fails(2, "ports[2]", "exactly one of hd and cd");

	d = one_device("3.3", "ahci");
	ports = records(f, 1);
	ahci_port(d, &ports, 0, "hd", "/a,b.img");
	*field(d, "ports") = ports;
	build_fails(2, "ports[1]: hd \"/a,b.img\"", "','");

	d = one_device("3.3", "ahci");
	ports = records(f, 33);
	for (size_t i = 0; i < 33; i++)
		ahci_port(d, &ports, i, "cd", "/b.iso");
	*field(d, "ports") = ports;
	build_fails(2, "ports has 33 items", "at most 32");
	ports.count = 32;
	*field(d, "ports") = ports;
	build_ok();

	one_device("3.3", "ahci");
	build_fails(2, "device #2 (ahci): ports is required", NULL);
}

/* virtio-input: /dev/input/eventN[,SERIAL]. */
static void virtio_input_config(void **state)
{
	(void)state;
	struct acrn_device *d = one_device("3.3", "virtio-input");
	set_text(d, "path", "/dev/input/event0");
	set_text(d, "serial", "kbd1");
	expect_config("virtio-input,/dev/input/event0,kbd1");
	d = one_device("2.6", "virtio-input");
	set_text(d, "path", "/dev/input/event3");
	expect_config("virtio-input,/dev/input/event3");
	d = one_device("3.3", "virtio-input");
	set_text(d, "path", "/dev/input/event0");
	set_text(d, "serial", "a,b");
	build_fails(2, "serial \"a,b\"", "','");
	one_device("3.3", "virtio-input");
	build_fails(2, "device #2 (virtio-input): path is required", NULL);
}

/* virtio-i2c: BUS[:ADDR…][,BUS…], ADDR in hex <= 0x7f, up to 16 adapters. */
static void virtio_i2c_config(void **state)
{
	(void)state;
	struct acrn_device *d = one_device("3.3", "virtio-i2c");
	const struct acrn_field *f = device_field(d, "adapters");
	struct acrn_value adapters = records(f, 2);
	put(f, &adapters, 0, "bus", num(0));
	put(f, &adapters, 0, "addresses", NUMBERS(0x1c, 0x2f));
	put(f, &adapters, 1, "bus", num(1));
	*field(d, "adapters") = adapters;
	expect_config("virtio-i2c,0:1c:2f,1");

	d = one_device("1.6", "virtio-i2c");
	adapters = records(f, 1);
	put(f, &adapters, 0, "bus", num(12));
	put(f, &adapters, 0, "addresses", NUMBERS(0x7f));
	*field(d, "adapters") = adapters;
	expect_config("virtio-i2c,12:7f");

	d = one_device("3.3", "virtio-i2c");
	adapters = records(f, 1);
	put(f, &adapters, 0, "bus", num(0));
	put(f, &adapters, 0, "addresses", NUMBERS(0x1c, 0x80));
	*field(d, "adapters") = adapters;
	build_fails(2, "adapters[1]: addresses[2] 128", "out of range 0-127");

	d = one_device("3.3", "virtio-i2c");
	adapters = records(f, 1);
	put(f, &adapters, 0, "addresses", NUMBERS(0x1c));
	*field(d, "adapters") = adapters;
	build_fails(2, "adapters[1]: bus is required", NULL);

	d = one_device("3.3", "virtio-i2c");
	adapters = records(f, 17);
	for (size_t i = 0; i < 17; i++)
		put(f, &adapters, i, "bus", num((long long)i));
	*field(d, "adapters") = adapters;
	build_fails(2, "adapters has 17 items", "at most 16");
}

/* virtio-gpio: @CHIP{OFFSET|NAME[=VNAME]:…}…, at most 8 chips, 64 lines. */
static void virtio_gpio_config(void **state)
{
	(void)state;
	struct acrn_device *d = one_device("3.3", "virtio-gpio");
	const struct acrn_field *f = device_field(d, "chips");
	struct acrn_value chips = records(f, 1);
	put(f, &chips, 0, "chip", text("gpiochip0"));
	put(f, &chips, 0, "lines", TEXTS("3", "reset=vreset"));
	*field(d, "chips") = chips;
	expect_config("virtio-gpio,@gpiochip0{3:reset=vreset}");

	d = one_device("2.6", "virtio-gpio");
	chips = records(f, 2);
	put(f, &chips, 0, "chip", text("gpiochip0"));
	put(f, &chips, 0, "lines", TEXTS("3"));
	put(f, &chips, 1, "chip", text("gpiochip1"));
	put(f, &chips, 1, "lines", TEXTS("5", "led"));
	*field(d, "chips") = chips;
	expect_config("virtio-gpio,@gpiochip0{3}@gpiochip1{5:led}");

	const char *bad_lines[] = {"a:b", "=x", "a=b=c", "a,b", "{a}", "a@b"};
	for (size_t i = 0; i < sizeof bad_lines / sizeof bad_lines[0]; i++) {
		d = one_device("3.3", "virtio-gpio");
		chips = records(f, 1);
		put(f, &chips, 0, "chip", text("gpiochip0"));
		put(f, &chips, 0, "lines", TEXTS("1", bad_lines[i]));
		*field(d, "chips") = chips;
		build_fails(2, "device #2 (virtio-gpio): chips[1]: lines[2]", NULL);
	}
	d = one_device("3.3", "virtio-gpio");
	chips = records(f, 1);
	put(f, &chips, 0, "chip", text("gpio{0"));
	put(f, &chips, 0, "lines", TEXTS("1"));
	*field(d, "chips") = chips;
	build_fails(2, "chips[1]: chip \"gpio{0\"", NULL);

	/* 64 lines in all, not per chip */
	static const char *many[33];
	for (size_t i = 0; i < 33; i++)
		many[i] = "7";
	d = one_device("3.3", "virtio-gpio");
	chips = records(f, 2);
	put(f, &chips, 0, "chip", text("gpiochip0"));
	put(f, &chips, 0, "lines", texts(33, many));
	put(f, &chips, 1, "chip", text("gpiochip1"));
	put(f, &chips, 1, "lines", texts(33, many));
	*field(d, "chips") = chips;
	build_fails(2, "device #2 (virtio-gpio)", "66 lines");
	assert_non_null(strstr(error.message, "at most 64"));
	put(f, &chips, 1, "lines", texts(31, many));
	*field(d, "chips") = chips;
	build_ok();

	d = one_device("3.3", "virtio-gpio");
	chips = records(f, 9);
	for (size_t i = 0; i < 9; i++) {
		put(f, &chips, i, "chip", text("gpiochip0"));
		put(f, &chips, i, "lines", TEXTS("1"));
	}
	*field(d, "chips") = chips;
	build_fails(2, "chips has 9 items", "at most 8");
}

/* virtio-gpu (3.0+): geometry=WxH+X+Y or geometry=fullscreen:N per screen. */
static void virtio_gpu_config(void **state)
{
	(void)state;
	struct acrn_device *d = one_device("3.0", "virtio-gpu");
	const struct acrn_field *f = device_field(d, "screens");
	struct acrn_value screens = records(f, 2);
	put(f, &screens, 0, "geometry", text("1920x1080+0+0"));
	put(f, &screens, 1, "geometry", text("fullscreen:1"));
	*field(d, "screens") = screens;
	expect_config("virtio-gpu,geometry=1920x1080+0+0,geometry=fullscreen:1");

	one_device("3.3", "virtio-gpu");
	expect_config("virtio-gpu");

	one_device("2.7", "virtio-gpu");
	build_fails(2, "device #2 (virtio-gpu): virtio-gpu needs ACRN 3.0 or later", "target 2.7");

	const char *bad[] = {"1920x1080", "fullscreen", "fullscreen:x", "1920x1080+0+0+0", "big"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char shown[64];
		d = one_device("3.3", "virtio-gpu");
		screens = records(f, 1);
		put(f, &screens, 0, "geometry", text(bad[i]));
		*field(d, "screens") = screens;
		snprintf(shown, sizeof shown, "screens[1]: geometry \"%s\"", bad[i]);
		build_fails(2, shown, "WIDTHxHEIGHT+X+Y or fullscreen:N");
	}
}

/* vhost-vsock (3.0+): cid=N, 3 <= N < 0xffffffff. */
static void vhost_vsock_config(void **state)
{
	(void)state;
	set_number(one_device("3.3", "vhost-vsock"), "cid", 3);
	expect_config("vhost-vsock,cid=3");
	set_number(one_device("3.0", "vhost-vsock"), "cid", 0xfffffffe);
	expect_config("vhost-vsock,cid=4294967294");
	set_number(one_device("3.3", "vhost-vsock"), "cid", 2);
	build_fails(2, "device #2 (vhost-vsock): cid 2", "3 <= cid < 0xffffffff");
	set_number(one_device("3.3", "vhost-vsock"), "cid", 0xffffffff);
	build_fails(2, "cid 4294967295", NULL);
	set_number(one_device("2.7", "vhost-vsock"), "cid", 3);
	build_fails(2, "vhost-vsock needs ACRN 3.0", NULL);
}

static struct acrn_device *ivshmem_on(const char *target, const char *provider, const char *name,
				      long long size)
{
	struct acrn_device *d = one_device(target, "ivshmem");
	set_text(d, "provider", provider);
	set_text(d, "name", name);
	set_number(d, "size", size);
	return d;
}

/* ivshmem (2.0+): dm:/NAME or hv:/NAME, size in MB (power of two, 2-512),
 * then the optional region id. */
static void ivshmem_config(void **state)
{
	(void)state;
	set_number(ivshmem_on("3.3", "dm", "shm0", 32), "region", 1);
	expect_config("ivshmem,dm:/shm0,32,1");
	ivshmem_on("2.0", "hv", "shm1", 2);
	expect_config("ivshmem,hv:/shm1,2");
	ivshmem_on("3.3", "dm", "shm0", 512);
	expect_config("ivshmem,dm:/shm0,512");

	ivshmem_on("3.3", "dm", "shm0", 3);
	build_fails(2, "device #2 (ivshmem): size 3", "not a power of two");
	ivshmem_on("3.3", "dm", "shm0", 1);
	build_fails(2, "size 1", "out of range 2-512");
	ivshmem_on("3.3", "dm", "shm0", 1024);
	build_fails(2, "size 1024", "out of range 2-512");
	ivshmem_on("3.3", "xx", "shm0", 32);
	build_fails(2, "provider \"xx\"", "not one of dm, hv");
	ivshmem_on("3.3", "dm", "a/b", 32);
	build_fails(2, "name \"a/b\"", NULL);
	ivshmem_on("3.3", "dm", "a,b", 32);
	build_fails(2, "name \"a,b\"", NULL);
	ivshmem_on("1.6", "dm", "shm0", 32);
	build_fails(2, "ivshmem needs ACRN 2.0 or later", NULL);
}

/* uart: vuart_idx:N, or a backend as for -l; exactly one of them. */
static void uart_config(void **state)
{
	(void)state;
	set_number(one_device("3.3", "uart"), "vuart_idx", 1);
	expect_config("uart,vuart_idx:1");
	set_text(one_device("2.6", "uart"), "backend", "tcp:4444");
	expect_config("uart,tcp:4444");
	set_text(one_device("3.3", "uart"), "backend", "stdio");
	expect_config("uart,stdio");

	struct acrn_device *d = one_device("3.3", "uart");
	set_number(d, "vuart_idx", 1);
	set_text(d, "backend", "stdio");
	build_fails(2, "device #2 (uart)", "exactly one of vuart_idx and backend");
	one_device("3.3", "uart");
	build_fails(2, "exactly one of vuart_idx and backend", NULL);
	set_text(one_device("3.3", "uart"), "backend", "pipe");
	build_fails(2, "backend \"pipe\"", "not a UART backend");
	set_number(one_device("3.3", "uart"), "vuart_idx", 8);
	build_fails(2, "vuart_idx 8", "out of range 0-7");

	/* a uart on stdio takes acrn-dm's one stdio */
	vm_new("3.3", "t");
	add_hostbridge();
	set_text(add("lpc", 0, 1, 0), "com1", "stdio");
	set_text(add("uart", 0, 3, 0), "backend", "stdio");
	build_fails(3, "device #3 (uart): backend also uses stdio", "device #2 (lpc)");
}

/* pci-gvt up to 2.7, with -G right after its -s; 3.x refuses it. */
static void pci_gvt_config(void **state)
{
	(void)state;
	vm_new("2.7", "t");
	add_hostbridge();
	add("virtio-rnd", 0, 3, 0);
	set_text(add("pci-gvt", 0, 2, 0), "args", "64 448 8");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "2,pci-gvt", "-G", "64 448 8", "-s",
		    "3,virtio-rnd", "t");

	vm_new("2.6", "t");
	add_hostbridge();
	add("pci-gvt", 0, 2, 0);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "2,pci-gvt", "t");

	const char *releases[] = {"3.0", "3.3"};
	for (size_t i = 0; i < 2; i++) {
		vm_new(releases[i], "t");
		add_hostbridge();
		set_text(add("pci-gvt", 0, 2, 0), "args", "64 448 8");
		build_fails(2, "device #2 (pci-gvt): pci-gvt was removed in ACRN 3.0", releases[i]);
	}
}

/* The rare emulations: CONFIG items joined with ',', each checked for ','. */
static void rare_emulations(void **state)
{
	(void)state;
	*field(one_device("3.3", "virtio-audio"), "config") = TEXTS("a", "b=c");
	expect_config("virtio-audio,a,b=c");
	one_device("3.3", "virtio-rpmb");
	expect_config("virtio-rpmb");
	*field(one_device("3.3", "virtio-heci"), "config") = TEXTS("x", "a,b");
	build_fails(2, "device #2 (virtio-heci): config[2] \"a,b\"", "','");
	*field(one_device("3.3", "virtio-ipu"), "config") = TEXTS("x", "");
	build_fails(2, "config[2]", "is empty");

	const char *old[] = {"npk", "virtio-hdcp", "virtio-coreu"};
	for (size_t i = 0; i < 3; i++) {
		char config[64], words[64];
		*field(one_device("2.7", old[i]), "config") = TEXTS("x");
		snprintf(config, sizeof config, "%s,x", old[i]);
		expect_config(config);
		one_device("3.0", old[i]);
		snprintf(words, sizeof words, "%s was removed in ACRN 3.0", old[i]);
		build_fails(2, words, NULL);
	}
}

/* An option-only VM: a host bridge and nothing else. */
static void option_vm(const char *target)
{
	one_device(target, NULL);
}

/* --ovmf [w,]PATH or [w,]code=PATH,vars=PATH (2.3+). */
static void ovmf_option(void **state)
{
	(void)state;
	const struct acrn_field *f = option_field("ovmf");
	option_vm("3.3");
	struct acrn_value ovmf = records(f, 1);
	put(f, &ovmf, 0, "path", text("/p"));
	put(f, &ovmf, 0, "writable", yes());
	*option("ovmf") = ovmf;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--ovmf", "w,/p", "t");

	option_vm("2.3");
	ovmf = records(f, 1);
	put(f, &ovmf, 0, "code", text("/c"));
	put(f, &ovmf, 0, "vars", text("/v"));
	*option("ovmf") = ovmf;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--ovmf", "code=/c,vars=/v", "t");
	put(f, &ovmf, 0, "writable", yes());
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--ovmf", "w,code=/c,vars=/v", "t");

	option_vm("2.2");
	ovmf = records(f, 1);
	put(f, &ovmf, 0, "path", text("/p"));
	*option("ovmf") = ovmf;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--ovmf", "/p", "t");
	ovmf = records(f, 1);
	put(f, &ovmf, 0, "code", text("/c"));
	put(f, &ovmf, 0, "vars", text("/v"));
	*option("ovmf") = ovmf;
	build_fails(0, "ovmf: code needs ACRN 2.3 or later", "target 2.2");

	/* path, or both code and vars; the message names the option */
	static const char *const shapes[][3] = {
		{"/p", "/c", NULL}, {NULL, "/c", NULL}, {NULL, NULL, "/v"}, {NULL, NULL, NULL}};
	for (size_t i = 0; i < 4; i++) {
		option_vm("3.3");
		ovmf = records(f, 1);
		const char *names[] = {"path", "code", "vars"};
		for (size_t n = 0; n < 3; n++)
			if (shapes[i][n])
				put(f, &ovmf, 0, names[n], text(shapes[i][n]));
		*option("ovmf") = ovmf;
		build_fails(0, "ovmf", "give either path, or both code and vars");
		assert_int_equal(strncmp(error.message, "ovmf", 4), 0);
	}

	/* acrn-dm splits the value at ',': a path may not hold one */
	option_vm("3.3");
	ovmf = records(f, 1);
	put(f, &ovmf, 0, "path", text("/fw,1.fd"));
	*option("ovmf") = ovmf;
	build_fails(0, "ovmf: path \"/fw,1.fd\"", "','");
	ovmf = records(f, 1);
	put(f, &ovmf, 0, "code", text("/c"));
	put(f, &ovmf, 0, "vars", text("/v,w"));
	*option("ovmf") = ovmf;
	build_fails(0, "ovmf: vars \"/v,w\"", "','");
}

/* A ROOT with proc/cpuinfo listing CPUs 0-3 with LAPIC ids 0, 2, 4, 6. */
struct fake_root {
	char dir[64], proc[96], cpuinfo[128];
};

static void fake_root_make(struct fake_root *root)
{
	strcpy(root->dir, "/tmp/acrn-vm-test-XXXXXX");
	assert_non_null(mkdtemp(root->dir));
	snprintf(root->proc, sizeof root->proc, "%s/proc", root->dir);
	snprintf(root->cpuinfo, sizeof root->cpuinfo, "%s/cpuinfo", root->proc);
	assert_int_equal(mkdir(root->proc, 0755), 0);
	FILE *file = fopen(root->cpuinfo, "w");
	assert_non_null(file);
	for (int cpu = 0; cpu < 4; cpu++)
		fprintf(file,
			"processor\t: %d\nvendor_id\t: GenuineIntel\ncore id\t\t: %d\n"
			"apicid\t\t: %d\ninitial apicid\t: %d\nflags\t\t: fpu vme de\n\n",
			cpu, cpu, cpu * 2, cpu * 2);
	assert_int_equal(fclose(file), 0);
}

static void fake_root_remove(struct fake_root *root)
{
	unlink(root->cpuinfo);
	rmdir(root->proc);
	rmdir(root->dir);
}

static void set_cpu_affinity(const char *name, struct acrn_value list)
{
	const struct acrn_field *f = option_field("cpu_affinity");
	struct acrn_value value = records(f, 1);
	put(f, &value, 0, name, list);
	*option("cpu_affinity") = value;
}

/* --cpu_affinity: CPU numbers as given on 2.x; on 3.x LAPIC ids, cpus
 * mapped through ROOT/proc/cpuinfo; lapic_ids only from 3.0; no repeats. */
static void cpu_affinity_option(void **state)
{
	(void)state;
	struct fake_root root;
	fake_root_make(&root);

	option_vm("2.7");
	vm.root = root.dir;
	set_cpu_affinity("cpus", NUMBERS(1, 3));
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--cpu_affinity", "1,3", "t");

	option_vm("3.3");
	vm.root = root.dir;
	set_cpu_affinity("cpus", NUMBERS(1, 3));
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--cpu_affinity", "2,6", "t");
	set_cpu_affinity("cpus", NUMBERS(0));
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--cpu_affinity", "0", "t");

	set_cpu_affinity("cpus", NUMBERS(1, 9));
	build_fails(0, "cpu_affinity: CPU 9 is not in", root.dir);
	assert_non_null(strstr(error.message, "/proc/cpuinfo"));

	set_cpu_affinity("lapic_ids", NUMBERS(4, 6));
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--cpu_affinity", "4,6", "t");
	option_vm("3.0");
	set_cpu_affinity("lapic_ids", NUMBERS(4, 6));
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--cpu_affinity", "4,6", "t");

	option_vm("2.7");
	set_cpu_affinity("lapic_ids", NUMBERS(4, 6));
	build_fails(0, "cpu_affinity", "lapic_ids are for ACRN 3.0 and later");
	assert_int_equal(strncmp(error.message, "cpu_affinity", 12), 0);

	option_vm("2.7");
	set_cpu_affinity("cpus", NUMBERS(1, 2, 1));
	build_fails(0, "cpu_affinity", "cpus lists 1 twice");
	option_vm("3.3");
	vm.root = root.dir;
	set_cpu_affinity("lapic_ids", NUMBERS(2, 2));
	build_fails(0, "cpu_affinity", "lapic_ids lists 2 twice");

	option_vm("3.3");
	const struct acrn_field *f = option_field("cpu_affinity");
	struct acrn_value both = records(f, 1);
	put(f, &both, 0, "cpus", NUMBERS(1));
	put(f, &both, 0, "lapic_ids", NUMBERS(2));
	*option("cpu_affinity") = both;
	build_fails(0, "cpu_affinity", "give either cpus or lapic_ids");
	assert_int_equal(strncmp(error.message, "cpu_affinity", 12), 0);

	option_vm("2.7");
	set_cpu_affinity("cpus", NUMBERS(1024));
	build_fails(0, "cpu_affinity: cpus[1] 1024", "out of range 0-1023");

	fake_root_remove(&root);
}

static void set_flag_option(const char *name)
{
	*option(name) = yes();
}

/* --rtvm; --lapic_pt alone is ignored by 3.x: a warning. */
static void rtvm_lapic_pt(void **state)
{
	(void)state;
	option_vm("3.3");
	set_flag_option("rtvm");
	set_flag_option("lapic_pt");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--rtvm", "--lapic_pt", "t");
	assert_int_equal(plan.warnings.count, 0);

	option_vm("3.3");
	set_flag_option("lapic_pt");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--lapic_pt", "t");
	expect_warning(1, "lapic_pt", "rtvm");

	option_vm("2.7");
	set_flag_option("lapic_pt");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--lapic_pt", "t");
	assert_int_equal(plan.warnings.count, 0);
}

/* --virtio_poll 1 … 10000000 ns. */
static void virtio_poll_option(void **state)
{
	(void)state;
	option_vm("3.3");
	*option("virtio_poll") = num(1000);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--virtio_poll", "1000", "t");
	*option("virtio_poll") = num(10000000);
	build_ok();
	*option("virtio_poll") = num(1);
	build_ok();
	*option("virtio_poll") = num(0);
	build_fails(0, "virtio_poll 0 is out of range 1-10000000", NULL);
	*option("virtio_poll") = num(10000001);
	build_fails(0, "virtio_poll 10000001 is out of range", NULL);
}

/* --intr_monitor T,P,D,U. */
static void intr_monitor_option(void **state)
{
	(void)state;
	const struct acrn_field *f = option_field("intr_monitor");
	option_vm("2.6");
	struct acrn_value monitor = records(f, 1);
	put(f, &monitor, 0, "threshold", num(10000));
	put(f, &monitor, 0, "probe_period", num(10));
	put(f, &monitor, 0, "delay_time", num(1));
	put(f, &monitor, 0, "delay_duration", num(100));
	*option("intr_monitor") = monitor;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--intr_monitor", "10000,10,1,100", "t");
	put(f, &monitor, 0, "delay_duration", (struct acrn_value){0});
	build_fails(0, "intr_monitor: delay_duration is required", NULL);
}

/* --logger_setting NAME,level=N[;…], always the full form; a level above 5
 * acts as 5: a warning, not an error. */
static void logger_option(void **state)
{
	(void)state;
	const struct acrn_field *f = option_field("logger");
	option_vm("3.3");
	struct acrn_value logger = records(f, 1);
	put(f, &logger, 0, "console", num(4));
	put(f, &logger, 0, "kmsg", num(3));
	*option("logger") = logger;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--logger_setting", "console,level=4;kmsg,level=3", "t");
	assert_int_equal(plan.warnings.count, 0);

	logger = records(f, 1);
	put(f, &logger, 0, "console", num(4));
	put(f, &logger, 0, "kmsg", num(6));
	put(f, &logger, 0, "disk", num(1));
	*option("logger") = logger;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--logger_setting",
		    "console,level=4;kmsg,level=6;disk,level=1", "t");
	expect_warning(1, "kmsg", "acts as 5");

	logger = records(f, 1);
	put(f, &logger, 0, "console", num(0));
	*option("logger") = logger;
	build_fails(0, "logger: console 0 is out of range", NULL);

	logger = records(f, 1);
	*option("logger") = logger;
	build_fails(0, "logger", "give a level");
}

/* --windows, --enable_trusty, --debugexit: flags in the catalogue's order. */
static void flag_options(void **state)
{
	(void)state;
	option_vm("3.3");
	set_flag_option("debugexit");
	set_flag_option("enable_trusty");
	set_flag_option("windows");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--windows", "--enable_trusty", "--debugexit", "t");
	*option("windows") = (struct acrn_value){.set = true, .flag = false};
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--enable_trusty", "--debugexit", "t");
}

static struct acrn_value ssram_regions(void)
{
	const struct acrn_field *f = option_field("ssram");
	struct acrn_value regions = records(f, 2);
	put(f, &regions, 0, "cache", text("L2"));
	put(f, &regions, 0, "vcpus", NUMBERS(0, 1));
	put(f, &regions, 0, "size", text("512K"));
	put(f, &regions, 1, "cache", text("L3"));
	put(f, &regions, 1, "all", yes());
	put(f, &regions, 1, "size", text("2M"));
	return regions;
}

/* ssram: true is --psram on 2.3-2.4 and --ssram on 2.5-2.7; 3.x needs the
 * regions, which 2.x does not take. psram: 2.3-2.4 only. */
static void ssram_option(void **state)
{
	(void)state;
	option_vm("2.3");
	*option("ssram") = yes();
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--psram", "t");
	const char *ssram[] = {"2.5", "2.6", "2.7"};
	for (size_t i = 0; i < 3; i++) {
		option_vm(ssram[i]);
		*option("ssram") = yes();
		build_ok();
		EXPECT_ARGV("-s", "0:0,hostbridge", "--ssram", "t");
	}
	option_vm("2.2");
	*option("ssram") = yes();
	build_fails(0, "ssram needs ACRN 2.3 or later", NULL);

	option_vm("3.3");
	*option("ssram") = ssram_regions();
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--ssram", "L2,vcpu=0/1,size=512K;L3,vcpu=all,size=2M",
		    "t");
	option_vm("3.0");
	*option("ssram") = yes();
	build_fails(0, "ssram", "needs the regions");
	option_vm("2.7");
	*option("ssram") = ssram_regions();
	build_fails(0, "ssram", "takes no regions");

	const struct acrn_field *f = option_field("ssram");
	option_vm("3.3");
	struct acrn_value regions = ssram_regions();
	put(f, &regions, 0, "all", yes());
	*option("ssram") = regions;
	build_fails(0, "ssram[1]", "either vcpus or all");
	regions = ssram_regions();
	put(f, &regions, 1, "all", (struct acrn_value){0});
	*option("ssram") = regions;
	build_fails(0, "ssram[2]", "either vcpus or all");
	regions = ssram_regions();
	put(f, &regions, 0, "size", text("512"));
	*option("ssram") = regions;
	build_fails(0, "ssram[1]: size \"512\"", NULL);
	regions = ssram_regions();
	put(f, &regions, 0, "cache", text("L1"));
	*option("ssram") = regions;
	build_fails(0, "ssram[1]: cache \"L1\"", "not one of L2, L3");

	const char *psram_ok[] = {"2.3", "2.4"};
	for (size_t i = 0; i < 2; i++) {
		option_vm(psram_ok[i]);
		set_flag_option("psram");
		build_ok();
		EXPECT_ARGV("-s", "0:0,hostbridge", "--psram", "t");
	}
	option_vm("2.5");
	set_flag_option("psram");
	build_fails(0, "psram was removed in ACRN 2.5", NULL);
	option_vm("2.2");
	set_flag_option("psram");
	build_fails(0, "psram needs ACRN 2.3", NULL);
}

static void set_acpidev(size_t count, const char *const *hids)
{
	const struct acrn_field *f = option_field("acpidev_pt");
	struct acrn_value value = records(f, count);
	for (size_t i = 0; i < count; i++)
		if (hids[i])
			put(f, &value, i, "hid", text(hids[i]));
	*option("acpidev_pt") = value;
}

/* --vtpm2 sock_path=PATH, not with a passed-through TPM. */
static void vtpm2_option(void **state)
{
	(void)state;
	option_vm("3.3");
	*option("vtpm2") = text("/run/tpm.sock");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--vtpm2", "sock_path=/run/tpm.sock", "t");

	set_acpidev(2, (const char *const[]){"PNP0501", "MSFT0101"});
	build_fails(0, "vtpm2 cannot go with a passed-through TPM", "MSFT0101");
	set_acpidev(1, (const char *const[]){"PNP0501"});
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--vtpm2", "sock_path=/run/tpm.sock", "--acpidev_pt",
		    "PNP0501", "t");

	/* an acpidev_pt without its hid is that option's error, not a crash */
	set_acpidev(1, (const char *const[]){NULL});
	build_fails(0, "acpidev_pt[1]: hid is required", NULL);
}

/* --acpidev_pt once per device: HID[,UID] up to 3.2, HID,uid=…,type=… in
 * 3.3; GPIO controllers only in 3.3; at most 8. */
static void acpidev_pt_option(void **state)
{
	(void)state;
	const struct acrn_field *f = option_field("acpidev_pt");
	option_vm("2.7");
	struct acrn_value value = records(f, 2);
	put(f, &value, 0, "hid", text("MSFT0101"));
	put(f, &value, 1, "hid", text("PNP0501"));
	put(f, &value, 1, "uid", text("1"));
	*option("acpidev_pt") = value;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--acpidev_pt", "MSFT0101", "--acpidev_pt",
		    "PNP0501,1", "t");

	option_vm("3.3");
	value = records(f, 3);
	put(f, &value, 0, "hid", text("MSFT0101"));
	put(f, &value, 1, "hid", text("INT34C5"));
	put(f, &value, 1, "uid", text("1"));
	put(f, &value, 1, "type", text("memory"));
	put(f, &value, 1, "min", num(0xfe000000));
	put(f, &value, 1, "len", num(0x1000));
	put(f, &value, 2, "hid", text("INTC1055"));
	put(f, &value, 2, "uid", text("2"));
	put(f, &value, 2, "type", text("irq"));
	put(f, &value, 2, "irq", num(14));
	put(f, &value, 2, "polarity", num(1));
	put(f, &value, 2, "trigger_mode", num(0));
	*option("acpidev_pt") = value;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--acpidev_pt", "MSFT0101", "--acpidev_pt",
		    "INT34C5,uid=1,type=memory,min=0xfe000000,len=0x1000", "--acpidev_pt",
		    "INTC1055,uid=2,type=irq,irq=14,polarity=1,trigger_mode=0", "t");

	const char *gpio[] = {"INT34C5", "INT34C6", "INTC1055", "INTC1056"};
	for (size_t i = 0; i < 4; i++) {
		char words[64];
		option_vm("3.2");
		set_acpidev(1, &gpio[i]);
		snprintf(words, sizeof words, "acpidev_pt[1]: hid \"%s\"", gpio[i]);
		build_fails(0, words, "3.3");
		option_vm("3.3");
		set_acpidev(1, &gpio[i]);
		build_ok();
	}
	option_vm("3.3");
	set_acpidev(1, (const char *const[]){"ABCD0001"});
	build_fails(0, "acpidev_pt[1]: hid \"ABCD0001\"", "not a known ACPI device");

	option_vm("2.7");
	value = records(f, 1);
	put(f, &value, 0, "hid", text("PNP0501"));
	put(f, &value, 0, "type", text("io_port"));
	*option("acpidev_pt") = value;
	build_fails(0, "acpidev_pt[1]: type needs ACRN 3.3 or later", NULL);

	option_vm("3.3");
	const char *nine[9];
	for (size_t i = 0; i < 9; i++)
		nine[i] = "PNP0501";
	set_acpidev(9, nine);
	build_fails(0, "acpidev_pt has 9 items", "at most 8");
	set_acpidev(8, nine);
	build_ok();
	assert_int_equal(plan.argv.count, 2 + 16 + 1);

	option_vm("2.2");
	set_acpidev(1, (const char *const[]){"MSFT0101"});
	build_fails(0, "acpidev_pt needs ACRN 2.3 or later", NULL);

	option_vm("3.3");
	value = records(f, 1);
	put(f, &value, 0, "hid", text("PNP0501"));
	put(f, &value, 0, "uid", text("1,2"));
	*option("acpidev_pt") = value;
	build_fails(0, "acpidev_pt[1]: uid \"1,2\"", NULL);
}

/* --mmiodev_pt 0xBASE,0xSIZE once per range, at most 2, 2.1+. */
static void mmiodev_pt_option(void **state)
{
	(void)state;
	const struct acrn_field *f = option_field("mmiodev_pt");
	option_vm("2.1");
	struct acrn_value value = records(f, 2);
	put(f, &value, 0, "base", num(0xfe000000));
	put(f, &value, 0, "size", num(0x1000));
	put(f, &value, 1, "base", num(0xfd000000));
	put(f, &value, 1, "size", num(0x2000));
	*option("mmiodev_pt") = value;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--mmiodev_pt", "0xfe000000,0x1000", "--mmiodev_pt",
		    "0xfd000000,0x2000", "t");

	option_vm("3.3");
	value = records(f, 3);
	for (size_t i = 0; i < 3; i++) {
		put(f, &value, i, "base", num(0xfe000000));
		put(f, &value, i, "size", num(0x1000));
	}
	*option("mmiodev_pt") = value;
	build_fails(0, "mmiodev_pt has 3 items", "at most 2");

	option_vm("2.0");
	value = records(f, 1);
	put(f, &value, 0, "base", num(0xfe000000));
	put(f, &value, 0, "size", num(0x1000));
	*option("mmiodev_pt") = value;
	build_fails(0, "mmiodev_pt needs ACRN 2.1 or later", NULL);
}

/* Options of one release on: --cmd_monitor 3.0, --iasl 3.1. */
static void cmd_monitor_iasl(void **state)
{
	(void)state;
	option_vm("3.0");
	*option("cmd_monitor") = text("/run/cmd.sock");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--cmd_monitor", "/run/cmd.sock", "t");
	option_vm("2.7");
	*option("cmd_monitor") = text("/run/cmd.sock");
	build_fails(0, "cmd_monitor needs ACRN 3.0 or later", "target 2.7");

	option_vm("3.1");
	*option("iasl") = text("/usr/sbin/iasl");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--iasl", "/usr/sbin/iasl", "t");
	option_vm("3.0");
	*option("iasl") = text("/usr/sbin/iasl");
	build_fails(0, "iasl needs ACRN 3.1 or later", "target 3.0");
}

/* -E -k -r -B, in that order, after every other option. */
static void elf_before_kernel(void **state)
{
	(void)state;
	option_vm("3.3");
	*option("bootargs") = text("quiet");
	*option("kernel") = text("/k");
	*option("elf") = text("/e.elf");
	set_flag_option("debugexit");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--debugexit", "-E", "/e.elf", "-k", "/k", "-B",
		    "quiet", "t");
}

/* -W up to 2.7, --virtio_msi from 3.0; virtio_msix is -W up to 2.7 only. */
static void virtio_msi_option(void **state)
{
	(void)state;
	option_vm("2.7");
	set_flag_option("virtio_msi");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-W", "t");
	option_vm("3.0");
	set_flag_option("virtio_msi");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--virtio_msi", "t");
	option_vm("2.6");
	set_flag_option("virtio_msix");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-W", "t");
	option_vm("3.0");
	set_flag_option("virtio_msix");
	build_fails(0, "virtio_msix was removed in ACRN 3.0", NULL);
}

/* --pm_notify_channel (uart,allow_trigger_s5 from 2.6) and --pm_by_vuart:
 * obsolete from 3.0, so rendered there with a warning. */
static void pm_options(void **state)
{
	(void)state;
	option_vm("2.6");
	*option("pm_notify_channel") = text("uart,allow_trigger_s5");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--pm_notify_channel", "uart,allow_trigger_s5", "t");
	assert_int_equal(plan.warnings.count, 0);
	option_vm("2.5");
	*option("pm_notify_channel") = text("uart,allow_trigger_s5");
	build_fails(0, "pm_notify_channel \"uart,allow_trigger_s5\"", "needs ACRN 2.6");
	*option("pm_notify_channel") = text("uart");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--pm_notify_channel", "uart", "t");
	*option("pm_notify_channel") = text("acpi");
	build_fails(0, "pm_notify_channel \"acpi\"", "not one of");
	option_vm("3.3");
	*option("pm_notify_channel") = text("power_button");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--pm_notify_channel", "power_button", "t");
	expect_warning(1, "pm_notify_channel", "ignored");

	option_vm("2.7");
	*option("pm_by_vuart") = text("pty,/run/acrn/life_mngr");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--pm_by_vuart", "pty,/run/acrn/life_mngr", "t");
	*option("pm_by_vuart") = text("tty,/dev/ttyS1");
	build_ok();
	*option("pm_by_vuart") = text("serial,/dev/ttyS1");
	build_fails(0, "pm_by_vuart \"serial,/dev/ttyS1\"", "pty,PATH or tty,PATH");
	*option("pm_by_vuart") = text("pty,");
	build_fails(0, "pm_by_vuart \"pty,\"", NULL);
	option_vm("3.0");
	*option("pm_by_vuart") = text("tty,/dev/ttyS1");
	build_ok();
	expect_warning(1, "pm_by_vuart", "ignored");
}

/* -Y, -i, --vsbl, --part_info: up to 2.7; from 3.0 rendered with a warning
 * each. */
static void obsolete_options(void **state)
{
	(void)state;
	const char *releases[] = {"2.7", "3.3"};
	for (size_t i = 0; i < 2; i++) {
		option_vm(releases[i]);
		set_flag_option("mptgen");
		*option("ioc_node") = text("/dev/ioc0");
		*option("vsbl") = text("/vsbl.bin");
		*option("part_info") = text("/part");
		build_ok();
		EXPECT_ARGV("-s", "0:0,hostbridge", "-Y", "-i", "/dev/ioc0", "--vsbl", "/vsbl.bin",
			    "--part_info", "/part", "t");
		if (i == 0) {
			assert_int_equal(plan.warnings.count, 0);
		} else {
			expect_warning(4, "mptgen", "ignored");
			expect_warning(4, "ioc_node", "3.0");
			expect_warning(4, "vsbl", "3.0");
			expect_warning(4, "part_info", "3.0");
		}
	}
}

/* raw: passed last, just before the name, each item its own argument, with
 * a warning that shows them. */
static void raw_option(void **state)
{
	(void)state;
	option_vm("3.3");
	*option("kernel") = text("/k");
	*option("raw") = TEXTS("--foo", "bar baz");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-k", "/k", "--foo", "bar baz", "t");
	expect_warning(1, "raw arguments go to acrn-dm unchecked", "--foo bar baz");
	*option("raw") = TEXTS("--foo", "");
	build_fails(0, "raw[2]", "is empty");
}

/* -l com3, com4, com5 in 3.3 only; com5 takes com5,BACKEND,IOPORT,IRQ. */
static void lpc_com3_to_com5(void **state)
{
	(void)state;
	struct acrn_device *d;
	vm_new("3.3", "t");
	add_hostbridge();
	d = add("lpc", 0, 1, 0);
	set_text(d, "com3", "tcp:4445");
	set_text(d, "com4", "");
	const struct acrn_field *f = device_field(d, "com5");
	struct acrn_value com5 = records(f, 1);
	put(f, &com5, 0, "backend", text("stdio"));
	put(f, &com5, 0, "ioport", num(0x2f8));
	put(f, &com5, 0, "irq", num(5));
	*field(d, "com5") = com5;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "1:0,lpc", "-l", "com3,tcp:4445", "-l", "com4",
		    "-l", "com5,stdio,0x2f8,5", "t");

	/* com5 on stdio shares acrn-dm's one stdio with com1 */
	set_text(d, "com1", "stdio");
	build_fails(2, "device #2 (lpc): com5 also uses stdio", "in com1");

	/* the backend is com5's first field: it cannot be left out */
	set_text(d, "com1", "tcp:4444");
	put(f, &com5, 0, "backend", text(""));
	build_fails(2, "device #2 (lpc): com5", "backend");
	put(f, &com5, 0, "backend", (struct acrn_value){0});
	build_fails(2, "device #2 (lpc): com5", "backend");
	put(f, &com5, 0, "backend", text("/dev/ttyS4"));
	put(f, &com5, 0, "irq", (struct acrn_value){0});
	build_fails(2, "com5: irq is required", NULL);

	const char *names[] = {"com3", "com4", "com5"};
	for (size_t i = 0; i < 3; i++) {
		char words[64];
		vm_new("3.2", "t");
		add_hostbridge();
		d = add("lpc", 0, 1, 0);
		if (i < 2) {
			set_text(d, names[i], "tcp:4445");
		} else {
			com5 = records(f, 1);
			put(f, &com5, 0, "backend", text("stdio"));
			put(f, &com5, 0, "ioport", num(0x2f8));
			put(f, &com5, 0, "irq", num(5));
			*field(d, "com5") = com5;
		}
		snprintf(words, sizeof words, "%s needs ACRN 3.3 or later", names[i]);
		build_fails(2, "device #2 (lpc)", words);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(canonical_order),
		TEST(plan_devices_sorted),
		TEST(slot_forms),
		TEST(memory_forms),
		TEST(kata_reference),
		TEST(net_rendering),
		TEST(net_tap_prefix),
		TEST(net_bad_mac),
		TEST(blk_nodisk),
		TEST(blk_ro_cache),
		TEST(console_ports_rendering),
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
		TEST(passthru_bdf_forms),
		TEST(passthru_options),
		TEST(blk_iothread_mq),
		TEST(blk_options),
		TEST(net_tap_27_30),
		TEST(net_mac_seed),
		TEST(xhci_config),
		TEST(ahci_config),
		TEST(virtio_input_config),
		TEST(virtio_i2c_config),
		TEST(virtio_gpio_config),
		TEST(virtio_gpu_config),
		TEST(vhost_vsock_config),
		TEST(ivshmem_config),
		TEST(uart_config),
		TEST(pci_gvt_config),
		TEST(rare_emulations),
		TEST(ovmf_option),
		TEST(cpu_affinity_option),
		TEST(rtvm_lapic_pt),
		TEST(virtio_poll_option),
		TEST(intr_monitor_option),
		TEST(logger_option),
		TEST(flag_options),
		TEST(ssram_option),
		TEST(vtpm2_option),
		TEST(acpidev_pt_option),
		TEST(mmiodev_pt_option),
		TEST(cmd_monitor_iasl),
		TEST(elf_before_kernel),
		TEST(virtio_msi_option),
		TEST(pm_options),
		TEST(obsolete_options),
		TEST(raw_option),
		TEST(lpc_com3_to_com5),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
