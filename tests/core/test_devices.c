/* SPDX-License-Identifier: Apache-2.0 */
/* Devices that carry the guest's data, one emulation at a time: passthru,
 * virtio-blk, virtio-net, xhci and ahci, rendered and checked per release
 * (core/devices.c). */
#include "vm_helpers.h"

/* ---- passthru ---------------------------------------------------------------- */

/* passthru: "00:1f.3", "0000:00:1f.3" and "0/1f/3" all render BUS/DEV/FUNC
 * in hex; anything else is refused naming the value. */
static void passthru_bdf_forms(void **state)
{
	(void)state;
	/* any of ":/." between the three, as acrn-dm's parse_bdf splits */
	const char *good[] = {"00:1f.3", "0000:00:1f.3", "0/1f/3", "0:1F.3",
			      "00:1f/3", "0.1f.3",       "1f.3"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		set_text(one_device("3.3", "passthru"), "bdf", good[i]);
		expect_config("passthru,0/1f/3");
	}
	set_text(one_device("3.3", "passthru"), "bdf", "02:00.0");
	expect_config("passthru,2/0/0");
	set_text(one_device("2.6", "passthru"), "bdf", "ff:1f.7");
	expect_config("passthru,ff/1f/7");

	const char *bad[] = {"00:20.0",  "00:1f.8",  "100:00.0", "0001:00:1f.3", "00:1f",
			     "0/1f",     "0/1f/3/0", "0/1f/3x",  "0x0/1f/3",     " 00:1f.3",
			     "00:1f.3 ", "00:1g.3",  "00-1f-3",  "00:1f;3",      "-1/1f/3",
			     "+0/1f/3",  ""};
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
	expect_config(
		"passthru,0/1f/3,keep_gsi,no_reset,d3hot_reset,vmsix_on_msi,2,enable_ptm,"
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

/* ---- virtio-blk -------------------------------------------------------------- */

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

	/* 3.1 and 3.2 read a bare iothread only (v3.1 virtio_block.c:505-515) */
	d = blk_on("3.1");
	*field(d, "iothread") = yes();
	expect_config("virtio-blk,iothread,/img");
	d = blk_on("3.2");
	set_number(d, "iothread", 4);
	build_fails(2, "device #2 (virtio-blk): iothread = 4 needs ACRN 3.3", "iothread = true");

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
	/* a path acrn-dm would read as an option: 3.3 by prefix, 3.1 the word */
	d = blk_on("3.3");
	set_text(d, "path", "mq.img");
	build_fails(2, "path \"mq.img\" would be read by acrn-dm 3.3 as an option", "./mq.img");
	d = blk_on("3.1");
	set_text(d, "path", "iothread");
	build_fails(2, "path \"iothread\" would be read", NULL);
	d = blk_on("3.1");
	set_text(d, "path", "mq.img");
	expect_config("virtio-blk,mq.img");
	d = blk_on("3.2");
	set_number(d, "mq", 2);
	build_fails(2, "device #2 (virtio-blk): mq needs ACRN 3.3 or later", "target 3.2");

	/* a number of threads is a number in the catalogue's range */
	d = blk_on("3.3");
	set_number(d, "iothread", 0);
	build_fails(2, "iothread 0", "out of range 1-40");
	set_number(d, "iothread", 41); /* at most 40 per acrn-dm (v3.3 iothread.h:10) */
	build_fails(2, "iothread 41", "out of range 1-40");
	set_number(d, "iothread", 40);
	expect_config("virtio-blk,iothread=40,/img");
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
	expect_config(
		"virtio-blk,/img,ro,writeback,discard,sectorsize=4096/4096,"
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

/* ---- virtio-net -------------------------------------------------------------- */

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
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s",
		    "3,virtio-net,tap=macvtap0,vhost,mac=02:00:ca:fe:00:04", "net");

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
	/* up to 2.0 the name starts with tap or vmnet (v2.0 virtio_net.c:838) */
	net_vm("2.0", "eth0");
	build_fails(2, "device #2 (virtio-net)", "must start with \"tap\" or \"vmnet\"");
	assert_non_null(strstr(error.message, "\"eth0\""));
	net_vm("2.0", "macvtap0");
	build_fails(2, "must start with \"tap\"", NULL);

	/* 2.1 to 2.7: contains tap, or starts with vmnet (v2.1 virtio_net.c:903) */
	net_vm("2.6", "eth0");
	build_fails(2, "device #2 (virtio-net)", "must contain \"tap\" or start with \"vmnet\"");
	net_vm("2.6", "macvtap0");
	build_ok();
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
	build_fails(2, "must contain \"tap\" or start with \"vmnet\"", NULL);
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
	assert_non_null(strstr(error.message, "set mac_seed in acrn.vm"));

	/* ACRN's own seeds: MAC-NAME, colons and all; 3.x takes the rest of the
	 * string, commas too (v3.0 virtio_net.c:952-955) */
	d = net_on("3.3", "tap0");
	set_text(d, "mac_seed", "00:16:3e:12:34:56-POST_STD_VM1");
	expect_config("virtio-net,tap=tap0,mac_seed=00:16:3e:12:34:56-POST_STD_VM1");
	d = net_on("3.3", "tap0");
	set_text(d, "mac_seed", "a,b c");
	expect_config("virtio-net,tap=tap0,mac_seed=a,b c");
	/* acrn-dm hashes SLOT-FUNC-SEED in 80 bytes: at most 74 of seed */
	d = net_on("3.3", "tap0");
	set_text(d, "mac_seed",
		 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	build_ok();
	set_text(d, "mac_seed",
		 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	build_fails(2, "mac_seed", "is 75 bytes; acrn-dm 3.3 uses at most 74");
	/* up to 2.7 the VM's --mac_seed keeps 49 bytes (v2.7 main.c:104,931-935) */
	net_on("2.7", "tap0");
	*option("mac_seed") = text("12:34:56-vm1");
	build_ok();
	*option("mac_seed") = text("0123456789012345678901234567890123456789012345678");
	build_ok();
	*option("mac_seed") = text("01234567890123456789012345678901234567890123456789");
	build_fails(0, "mac_seed", "is 50 bytes; acrn-dm 2.7 uses at most 49");

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
			    "-s", "4,virtio-net,tap=tap1,mac=02:00:00:00:00:01", "-s",
			    "5,virtio-net,tap=tap2,mac_seed=own", "t");
		assert_int_equal(plan.warnings.count, 0);
	}

	/* with vhost: refused, whether the seed is the device's or the VM's */
	d = net_on("3.3", "tap0");
	set_text(d, "mac_seed", "seed1");
	set_flag(d, "vhost", true);
	build_fails(2, "device #2 (virtio-net): mac_seed cannot go with mac", "or vhost");
	d = net_on("3.3", "tap0");
	set_text(d, "mac_seed", "seed1");
	set_text(d, "mac", "02:00:00:00:00:01");
	build_fails(2, "mac_seed cannot go with mac (the MAC would win)", NULL);
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

/* ---- USB and SATA controllers ------------------------------------------------- */

/* xhci: BUS-PORT[,BUS-PORT…][:tablet][:log=X][:cap=apl], not empty. */
static void xhci_config(void **state)
{
	(void)state;
	/* ':' between the items, as ACRN's scripts write them (acrn-dm splits at
	 * ',' and ':' alike, v3.3 xhci.c:4354) */
	struct acrn_device *d = one_device("3.3", "xhci");
	*field(d, "ports") = TEXTS("1-2", "2-4");
	set_flag(d, "tablet", true);
	set_text(d, "log", "D");
	expect_config("xhci,1-2:2-4:tablet:log=D");

	d = one_device("2.6", "xhci");
	*field(d, "ports") = TEXTS("1-1", "1-2", "1-3", "2-1", "2-2", "2-3");
	set_text(d, "cap", "apl");
	expect_config("xhci,1-1:1-2:1-3:2-1:2-2:2-3:cap=apl");

	d = one_device("3.3", "xhci");
	set_flag(d, "tablet", true);
	expect_config("xhci,tablet");

	d = one_device("3.3", "xhci");
	set_text(d, "log", "D");
	build_fails(2, "device #2 (xhci)", "needs ports or tablet");

	const char *bad[] = {"1-2x", "1--2", "1- 2", "x-2", "1", "-1-2", "1-2,3-4", "1-"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char shown[64];
		d = one_device("3.3", "xhci");
		*field(d, "ports") = TEXTS("1-1", bad[i]);
		snprintf(shown, sizeof shown, "ports[2] \"%s\"", bad[i]);
		build_fails(2, shown, "not a host USB port BUS-PORT");
	}
	/* up to 3.2 acrn-dm bounds the bus (below 4 to 2.4, 5 from 2.5) and the
	 * port (below 20); 3.3 does not (v2.7 usb_core.h:226-227) */
	d = one_device("2.4", "xhci");
	*field(d, "ports") = TEXTS("4-1");
	build_fails(2, "ports[1] \"4-1\"", "bus below 4");
	d = one_device("2.5", "xhci");
	*field(d, "ports") = TEXTS("4-19");
	expect_config("xhci,4-19");
	d = one_device("3.2", "xhci");
	*field(d, "ports") = TEXTS("1-20");
	build_fails(2, "ports[1] \"1-20\"", "port below 20");
	d = one_device("3.3", "xhci");
	*field(d, "ports") = TEXTS("9-25");
	expect_config("xhci,9-25");

	/* log: acrn-dm reads the first letter only (v3.3 xhci.c:4142-4149) */
	d = one_device("3.3", "xhci");
	set_flag(d, "tablet", true);
	set_text(d, "log", "3:cap=apl");
	build_fails(2, "log \"3:cap=apl\"", "not one of F, W, I, D, V");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(passthru_bdf_forms), TEST(passthru_options), TEST(blk_nodisk),
		TEST(blk_ro_cache),       TEST(blk_iothread_mq),  TEST(blk_options),
		TEST(net_rendering),      TEST(net_tap_prefix),   TEST(net_bad_mac),
		TEST(net_tap_27_30),      TEST(net_mac_seed),     TEST(xhci_config),
		TEST(ahci_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
