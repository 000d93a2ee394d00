/* SPDX-License-Identifier: Apache-2.0 */
/* The VM's global options, each rendered and checked per release: ovmf,
 * cpu_affinity, rtvm, virtio_poll, intr_monitor, logger, flags, ssram, vtpm2,
 * acpidev_pt, mmiodev_pt, cmd_monitor, elf, virtio_msi, pm, the obsolete
 * ones and raw (core/options.c). */
#include "vm_helpers.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

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
	static const char *const shapes[][3] = {{"/p", "/c", NULL},
						{NULL, "/c", NULL},
						{NULL, NULL, "/v"},
						{NULL, NULL, NULL}};
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
/* Host facts with CPUs 0-3 at LAPIC ids 0, 2, 4, 6, as the host toolkit
 * would read them from a /proc/cpuinfo. */
static const struct acrn_cpu four_cpus[] = {{0, 0}, {1, 2}, {2, 4}, {3, 6}};
static const struct acrn_host_facts facts = {.cpus = four_cpus,
					     .cpu_count = 4,
					     .source = "/proc/cpuinfo"};

static void set_cpu_affinity(const char *name, struct acrn_value list)
{
	const struct acrn_field *f = option_field("cpu_affinity");
	struct acrn_value value = records(f, 1);
	put(f, &value, 0, name, list);
	*option("cpu_affinity") = value;
}

/* --cpu_affinity: CPU numbers as given on 2.x; on 3.x LAPIC ids, cpus
 * mapped through the host facts; lapic_ids only from 3.0; no repeats. */
static void cpu_affinity_option(void **state)
{
	(void)state;

	option_vm("2.7");
	vm.facts = &facts;
	set_cpu_affinity("cpus", NUMBERS(1, 3));
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--cpu_affinity", "1,3", "t");

	option_vm("3.3");
	vm.facts = &facts;
	set_cpu_affinity("cpus", NUMBERS(1, 3));
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--cpu_affinity", "2,6", "t");
	set_cpu_affinity("cpus", NUMBERS(0));
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--cpu_affinity", "0", "t");

	set_cpu_affinity("cpus", NUMBERS(1, 9));
	build_fails(0, "cpu_affinity: ACRN 3.3 wants LAPIC ids", "CPU 9 is not in /proc/cpuinfo");
	vm.facts = NULL;
	set_cpu_affinity("cpus", NUMBERS(1));
	build_fails(0, "cpu_affinity: ACRN 3.3 wants LAPIC ids", "CPU 1 is not in the host facts");
	vm.facts = &facts;

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
	vm.facts = &facts;
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
	EXPECT_ARGV("-s", "0:0,hostbridge", "--logger_setting", "console,level=4;kmsg,level=3",
		    "t");
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

/* ssram: true is --psram on 2.2-2.4 and --ssram on 2.5-2.7 (v2.2 main.c:797);
 * 3.x needs the regions, which 2.x does not take, their vCPUs ','-joined
 * (vssram.c reads "0/1" as vCPU 0). psram: 2.2-2.4 only. */
static void ssram_option(void **state)
{
	(void)state;
	const char *psram_era[] = {"2.2", "2.3"};
	for (size_t i = 0; i < 2; i++) {
		option_vm(psram_era[i]);
		*option("ssram") = yes();
		build_ok();
		EXPECT_ARGV("-s", "0:0,hostbridge", "--psram", "t");
	}
	const char *ssram[] = {"2.5", "2.6", "2.7"};
	for (size_t i = 0; i < 3; i++) {
		option_vm(ssram[i]);
		*option("ssram") = yes();
		build_ok();
		EXPECT_ARGV("-s", "0:0,hostbridge", "--ssram", "t");
	}
	option_vm("2.1");
	*option("ssram") = yes();
	build_fails(0, "ssram needs ACRN 2.2 or later", NULL);

	option_vm("3.3");
	*option("ssram") = ssram_regions();
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--ssram", "L2,vcpu=0,1,size=512K;L3,vcpu=all,size=2M",
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
	/* whole 4K pages, at most 8M (v3.0 vssram.c:1484-1487) */
	const char *sizes[] = {"6K", "9M", "0K", "8193K"};
	for (size_t i = 0; i < 4; i++) {
		regions = ssram_regions();
		put(f, &regions, 0, "size", text(sizes[i]));
		*option("ssram") = regions;
		build_fails(0, "ssram[1]: size", "whole 4K pages up to 8M");
	}
	regions = ssram_regions();
	put(f, &regions, 0, "size", text("8M"));
	*option("ssram") = regions;
	build_ok();
	regions = ssram_regions();
	put(f, &regions, 0, "cache", text("L1"));
	*option("ssram") = regions;
	build_fails(0, "ssram[1]: cache \"L1\"", "not one of L2, L3");

	const char *psram_ok[] = {"2.2", "2.3", "2.4"};
	for (size_t i = 0; i < 3; i++) {
		option_vm(psram_ok[i]);
		set_flag_option("psram");
		build_ok();
		EXPECT_ARGV("-s", "0:0,hostbridge", "--psram", "t");
	}
	option_vm("2.5");
	set_flag_option("psram");
	build_fails(0, "psram was removed in ACRN 2.5", NULL);
	option_vm("2.1");
	set_flag_option("psram");
	build_fails(0, "psram needs ACRN 2.2", NULL);
	/* two fields that are one option would render it twice */
	option_vm("2.3");
	set_flag_option("psram");
	set_flag_option("ssram");
	build_fails(0, "ssram and psram are both acrn-dm's --psram for ACRN 2.3: set one", NULL);
	option_vm("2.7");
	set_flag_option("virtio_msi");
	set_flag_option("virtio_msix");
	build_fails(0, "virtio_msi and virtio_msix are both acrn-dm's -W for ACRN 2.7: set one",
		    NULL);
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
	/* 2.1 and 2.2 spell it --apcidev_pt (v2.1 main.c:788); a TPM only before
	 * 3.3, and no UID: 2.7 to 3.2 refuse HID,UID (v2.7 mmio/core.c:93-107) */
	option_vm("2.1");
	set_acpidev(1, (const char *const[]){"MSFT0101"});
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--apcidev_pt", "MSFT0101", "t");
	option_vm("2.7");
	struct acrn_value value = records(f, 1);
	put(f, &value, 0, "hid", text("MSFT0101"));
	*option("acpidev_pt") = value;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--acpidev_pt", "MSFT0101", "t");
	put(f, &value, 0, "uid", text("1"));
	build_fails(0, "acpidev_pt[1]: uid needs ACRN 3.3 or later", "2.7-3.2 refuse HID,UID");
	option_vm("3.2");
	set_acpidev(1, (const char *const[]){"PNP0501"});
	build_fails(0, "acpidev_pt[1]: hid \"PNP0501\" needs ACRN 3.3", "a UART");
	option_vm("3.3");
	value = records(f, 1);
	put(f, &value, 0, "hid", text("PNP0501"));
	put(f, &value, 0, "uid", text("1"));
	*option("acpidev_pt") = value;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--acpidev_pt", "PNP0501,uid=1", "t");

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

	const char *gpio[] = {"INT34C5", "INT34C6", "INTC1055", "INTC1056", "INTC1057", "INTC1020"};
	for (size_t i = 0; i < 6; i++) {
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
	build_fails(0, "acpidev_pt[1]: hid \"ABCD0001\"", "not one of MSFT0101, PNP0501");

	option_vm("2.7");
	value = records(f, 1);
	put(f, &value, 0, "hid", text("MSFT0101"));
	put(f, &value, 0, "type", text("io_port"));
	*option("acpidev_pt") = value;
	build_fails(0, "acpidev_pt[1]: type needs ACRN 3.3 or later", NULL);

	/* up to 3.2 TPM and MMIO passthrough share two places (v2.7 mmio/core.c:25) */
	option_vm("3.2");
	set_acpidev(2, (const char *const[]){"MSFT0101", "MSFT0101"});
	const struct acrn_field *mmio = option_field("mmiodev_pt");
	struct acrn_value range = records(mmio, 1);
	put(mmio, &range, 0, "base", num(0xfe000000));
	put(mmio, &range, 0, "size", num(0x1000));
	*option("mmiodev_pt") = range;
	build_fails(0, "acpidev_pt and mmiodev_pt pass 3 devices through", "room for 2");
	*option("mmiodev_pt") = (struct acrn_value){0};
	build_ok();

	option_vm("3.3");
	const char *nine[9];
	for (size_t i = 0; i < 9; i++)
		nine[i] = "PNP0501";
	set_acpidev(9, nine);
	build_fails(0, "acpidev_pt has 9 items", "at most 8");
	set_acpidev(8, nine);
	build_ok();
	assert_int_equal(plan.argv.count, 2 + 16 + 1);

	option_vm("2.0");
	set_acpidev(1, (const char *const[]){"MSFT0101"});
	build_fails(0, "acpidev_pt needs ACRN 2.1 or later", NULL);

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
	/* 2.1 to 2.4 refuse every --mmiodev_pt (v2.1 mmio/core.c:59-77) */
	option_vm("2.4");
	struct acrn_value value = records(f, 1);
	put(f, &value, 0, "base", num(0xfe000000));
	put(f, &value, 0, "size", num(0x1000));
	*option("mmiodev_pt") = value;
	build_fails(0, "mmiodev_pt needs ACRN 2.5 or later", "2.1 to 2.4 refuse every");
	option_vm("2.5");
	value = records(f, 2);
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
	/* uart,allow_trigger_s5 from 2.5 (v2.5 main.c:981); the uart channels
	 * talk through --pm_by_vuart, and acrn-dm aborts without it */
	option_vm("2.5");
	*option("pm_notify_channel") = text("uart,allow_trigger_s5");
	*option("pm_by_vuart") = text("pty,/run/acrn/life_mngr");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--pm_notify_channel", "uart,allow_trigger_s5",
		    "--pm_by_vuart", "pty,/run/acrn/life_mngr", "t");
	assert_int_equal(plan.warnings.count, 0);
	*option("pm_by_vuart") = (struct acrn_value){0};
	build_fails(0, "pm_notify_channel \"uart,allow_trigger_s5\"", "needs pm_by_vuart");
	option_vm("2.4");
	*option("pm_notify_channel") = text("uart,allow_trigger_s5");
	build_fails(0, "pm_notify_channel \"uart,allow_trigger_s5\"", "needs ACRN 2.5");
	*option("pm_notify_channel") = text("uart");
	*option("pm_by_vuart") = text("tty,/dev/ttyS1");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--pm_notify_channel", "uart", "--pm_by_vuart",
		    "tty,/dev/ttyS1", "t");
	*option("pm_notify_channel") = text("acpi");
	build_fails(0, "pm_notify_channel \"acpi\"", "not one of");
	/* 3.x prints "obsolete" but still sets the channel (v3.3 main.c:1127-1142):
	 * no warning; the uart channels abort there (pm_vuart.c:271) */
	option_vm("3.3");
	*option("pm_notify_channel") = text("power_button");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "--pm_notify_channel", "power_button", "t");
	assert_int_equal(plan.warnings.count, 0);
	*option("pm_notify_channel") = text("uart");
	build_fails(0, "pm_notify_channel \"uart\" was removed in ACRN 3.0", "aborts");

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
		const struct acrn_field *ioc = option_field("ioc_node");
		struct acrn_value node = records(ioc, 1);
		put(ioc, &node, 0, "path", text("/dev/ioc0"));
		put(ioc, &node, 0, "wakeup_reason", num(0x20));
		*option("ioc_node") = node;
		*option("vsbl") = text("/vsbl.bin");
		*option("part_info") = text("/part");
		build_ok();
		EXPECT_ARGV("-s", "0:0,hostbridge", "-Y", "-i", "/dev/ioc0,0x20", "--vsbl",
			    "/vsbl.bin", "--part_info", "/part", "t");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(ovmf_option),        TEST(cpu_affinity_option), TEST(rtvm_lapic_pt),
		TEST(virtio_poll_option), TEST(intr_monitor_option), TEST(logger_option),
		TEST(flag_options),       TEST(ssram_option),        TEST(vtpm2_option),
		TEST(acpidev_pt_option),  TEST(mmiodev_pt_option),   TEST(cmd_monitor_iasl),
		TEST(elf_before_kernel),  TEST(virtio_msi_option),   TEST(pm_options),
		TEST(obsolete_options),   TEST(raw_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
