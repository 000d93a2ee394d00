/* SPDX-License-Identifier: Apache-2.0 */
/* Checks of a VM as a whole (core/engine/vm_checks.c), each for what acrn-dm
 * refuses only at device init or does without a word: the citations are
 * acrn-dm's source at the release named. */
#include "vm_helpers.h"

/* One host device passed through twice: the hypervisor refuses the second
 * (v3.3 hypervisor/dm/vpci/vpci.c:811-873), whatever its spelling. */
static void host_device_twice(void **state)
{
	(void)state;
	vm_new("3.3", "t");
	add_hostbridge();
	set_text(add("passthru", 0, 3, 0), "bdf", "00:1f.3");
	set_text(add("passthru", 0, 4, 0), "bdf", "0/1f/3");
	build_fails(3, "device #3 (passthru): bdf \"0/1f/3\" is already used by device #2", NULL);
	set_text(&devices[2], "bdf", "00:1f.4");
	build_ok();
}

/* A second watchdog fails "wdt can't be initialized twice" (v3.3
 * wdt_i6300esb.c:334-338). */
static void one_watchdog(void **state)
{
	(void)state;
	vm_new("3.3", "t");
	add_hostbridge();
	add("wdt-i6300esb", 0, 3, 0);
	build_ok();
	add("wdt-i6300esb", 0, 4, 0);
	build_fails(3, "device #3 (wdt-i6300esb): a VM has at most one wdt-i6300esb", NULL);
}

/* A -s in raw takes its slot: a device there, or another raw -s, is an
 * error rather than acrn-dm's "already occupied". */
static void raw_slots(void **state)
{
	(void)state;
	vm_new("3.3", "t");
	add_hostbridge();
	add("virtio-rnd", 0, 9, 0);
	*option("raw") = TEXTS("-s", "9,virtio-blk,/dev/sda");
	build_fails(0, "raw: -s 9,virtio-blk,/dev/sda takes slot 0:9:0", "device #2 (virtio-rnd)");
	*option("raw") = TEXTS("--pci_slot=0:9:0,virtio-blk,/dev/sda");
	build_fails(0, "raw", "takes slot 0:9:0");
	*option("raw") = TEXTS("-s9:0,virtio-blk,/dev/sda");
	build_fails(0, "raw", "takes slot 0:9:0");
	*option("raw") = TEXTS("--pci", "9,virtio-blk,/dev/sda");
	build_fails(0, "raw", "takes slot 0:9:0");
	*option("raw") = TEXTS("-s", "9:1,virtio-blk,/dev/sda", "-s", "10,dummy", "-s",
			       "0:10:0,dummy");
	build_fails(0, "raw: -s 0:10:0,dummy takes slot 0:10:0, which -s 10,dummy has", NULL);
	*option("raw") = TEXTS("-s", "9:1,virtio-blk,/dev/sda", "--windows");
	build_ok();

	/* the slots as the layout reads them */
	struct acrn_value raw = TEXTS("-A", "-s", "5,dummy", "-s2:1:3,dummy", "--pci_slot", "x",
				      "--pci_slot=7,dummy", "-s");
	struct acrn_slot slots[8];
	assert_int_equal(acrn_raw_slots(&raw, slots, 8), 3);
	assert_int_equal(slots[0].slot, 5);
	assert_int_equal(slots[0].item, 2);
	assert_int_equal(slots[1].bus, 2);
	assert_int_equal(slots[1].slot, 1);
	assert_int_equal(slots[1].func, 3);
	assert_int_equal(slots[1].item, 3);
	assert_int_equal(slots[2].slot, 7);
	assert_int_equal(acrn_raw_slots(&raw, slots, 1), 3); /* counts all, writes one */
}

/* --ovmf PATH, as the record the engine reads. */
static struct acrn_value ovmf(const char *path)
{
	const struct acrn_field *f = option_field("ovmf");
	struct acrn_value value = records(f, 1);
	put(f, &value, 0, "path", text(path));
	value.count = 1;
	return value;
}

/* acrn-dm boots from the first of vSBL, OVMF, kernel and ELF and ignores the
 * rest (v2.7 sw_load_common.c:297-309); it reads -r only with a kernel, -B
 * with a kernel or (up to 2.7) vSBL, and ignores them otherwise: warnings. */
static void boot_sources(void **state)
{
	(void)state;
	one_device("3.3", NULL);
	*option("ovmf") = ovmf("/OVMF.fd");
	*option("kernel") = text("/bzImage");
	build_ok();
	expect_warning(1, "ovmf and kernel", "boots from ovmf and ignores kernel");

	one_device("2.7", NULL);
	*option("vsbl") = text("/vsbl.bin");
	*option("ovmf") = ovmf("/OVMF.fd");
	*option("elf") = text("/z.elf");
	build_ok();
	expect_warning(2, "vsbl and ovmf", "ignores ovmf");
	/* 3.x has no vSBL: only the release says so */
	one_device("3.3", NULL);
	*option("vsbl") = text("/vsbl.bin");
	*option("ovmf") = ovmf("/OVMF.fd");
	build_ok();
	expect_warning(1, "vsbl is ignored by acrn-dm", NULL);

	one_device("3.3", NULL);
	*option("ovmf") = ovmf("/OVMF.fd");
	*option("ramdisk") = text("/initrd");
	build_ok();
	expect_warning(1, "ramdisk without kernel", "ignores this one");
	one_device("3.3", NULL);
	*option("ovmf") = ovmf("/OVMF.fd");
	*option("bootargs") = text("quiet");
	build_ok();
	expect_warning(1, "bootargs without kernel", "only to a kernel, and ignores it");
	one_device("2.7", NULL);
	*option("vsbl") = text("/vsbl.bin");
	*option("bootargs") = text("quiet");
	build_ok();
	assert_int_equal(plan.warnings.count, 0);

	/* a kernel reads only the first 1023 bytes of -B (v3.3 sw_load_bzimage.c:316) */
	static char long_line[1100];
	memset(long_line, 'x', sizeof long_line - 1);
	one_device("3.3", NULL);
	*option("kernel") = text("/bzImage");
	*option("bootargs") = text(long_line);
	build_ok();
	expect_warning(1, "bootargs is 1099 bytes", "first 1023");
}

/* The integrated GPU: acrn-dm adds its igd-lpc at 0:31.0 by itself from 2.7
 * (v2.7 passthrough.c:695-704), with the option gpu before; a device at slot
 * 31 makes it skip that; guests expect the GPU at slot 2. */
static void integrated_gpu(void **state)
{
	(void)state;
	vm_new("2.7", "t");
	add_hostbridge();
	set_text(add("passthru", 0, 2, 0), "bdf", "00:02.0");
	add("lpc", 0, 31, 0);
	build_ok();
	expect_warning(1, "slot 31 is taken by device #3 (lpc)", "no igd-lpc");

	vm_new("3.3", "t");
	add_hostbridge();
	set_text(add("passthru", 0, 5, 0), "bdf", "00:02.0");
	build_ok();
	expect_warning(1, "the integrated GPU is at 0:5.0", "slot 2");

	vm_new("2.6", "t");
	add_hostbridge();
	struct acrn_device *gpu = add("passthru", 0, 2, 0);
	set_text(gpu, "bdf", "00:02.0");
	add("lpc", 0, 31, 0);
	build_ok();
	assert_int_equal(plan.warnings.count, 0);
	set_flag(gpu, "gpu", true);
	build_ok();
	expect_warning(1, "slot 31 is taken", NULL);
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "2,passthru,0/2/0,gpu", "-s", "31:0,lpc", "t");

	/* "RTVM doesn't support GVT-D" (v3.3 passthrough.c:888-891) */
	vm_new("3.3", "t");
	add_hostbridge();
	set_text(add("passthru", 0, 2, 0), "bdf", "00:02.0");
	*option("rtvm") = (struct acrn_value){.set = true, .flag = true};
	build_fails(2, "device #2 (passthru)", "a GPU through to a real-time VM");
	vm_new("2.7", "t");
	add_hostbridge();
	set_text(add("passthru", 0, 2, 0), "bdf", "0/2/0");
	*option("lapic_pt") = (struct acrn_value){.set = true, .flag = true};
	build_fails(2, "a GPU through to a real-time VM", NULL);
}

/* virtio-blk's boot flag b, (the vSBL boot disk, v1.6 core.c:309-310,
 * 350-355): first in the configuration; 3.x has no vSBL. */
static void vsbl_boot_disk(void **state)
{
	(void)state;
	struct acrn_device *d = one_device("2.7", "virtio-blk");
	set_flag(d, "boot", true);
	set_text(d, "path", "/data/c.img");
	expect_config("virtio-blk,b,/data/c.img");
	d = one_device("3.3", "virtio-blk");
	set_flag(d, "boot", true);
	*field(d, "iothread") = yes();
	set_text(d, "path", "/data/c.img");
	expect_config("virtio-blk,b,iothread,/data/c.img");
	expect_warning(1, "boot is ignored by acrn-dm from ACRN 3.0", NULL);

	/* any configuration that starts with b, loses it to the flag */
	d = one_device("3.3", "virtio-blk");
	set_text(d, "path", "b");
	set_flag(d, "ro", true);
	build_fails(2, "device #2 (virtio-blk)", "starts with \"b,\"");
}

/* Text that a terminal would act on never reaches an argv or a message. */
static void control_characters(void **state)
{
	(void)state;
	one_device("3.3", NULL);
	*option("kernel") = text("/boot/\x1b[8mbzImage");
	build_fails(0, "kernel", "control character 0x1b");
	one_device("3.3", NULL);
	*option("raw") = TEXTS("--debugexit\x07");
	build_fails(0, "raw[1]", "control character 0x07");
	struct acrn_device *d = one_device("3.3", "virtio-blk");
	set_text(d, "path", "/img\x7f");
	build_fails(2, "path", "control character 0x7f");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(host_device_twice),  TEST(one_watchdog),   TEST(raw_slots),
		TEST(boot_sources),       TEST(integrated_gpu), TEST(vsbl_boot_disk),
		TEST(control_characters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
