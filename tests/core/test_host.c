/* SPDX-License-Identifier: Apache-2.0 */
/* What a launch needs from the host, against real files (core/host.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host.h"

/* A temporary directory with the files the tests point at. */
struct host {
	char dir[64];
	char program[128], plain[128], kernel[128], ramdisk[128], empty[128];
	char disk1000[128], disk1024[128], disk1536[128], missing[128], subdir[128];
	char vars128k[128], vars128k1[128], fw2m1[128];
	struct acrn_device devices[3];
	struct acrn_vm vm;
	struct acrn_error error;
};

static void make_file(const char *path, size_t size, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	char block[512];
	memset(block, 'x', sizeof block);
	for (size_t done = 0; done < size;) {
		size_t chunk = size - done < sizeof block ? size - done : sizeof block;
		assert_int_equal(write(fd, block, chunk), (ssize_t)chunk);
		done += chunk;
	}
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(close(fd), 0);
}

#define PATH(host, member, name) \
	snprintf((host)->member, sizeof(host)->member, "%s/" name, (host)->dir)

static int setup(void **state)
{
	struct host *host = calloc(1, sizeof *host);
	if (!host)
		return -1;
	strcpy(host->dir, "/tmp/acrn-host-test-XXXXXX");
	if (!mkdtemp(host->dir)) {
		free(host);
		return -1;
	}
	PATH(host, program, "acrn-dm");
	PATH(host, plain, "not-executable");
	PATH(host, kernel, "vmlinuz");
	PATH(host, ramdisk, "initrd");
	PATH(host, empty, "empty");
	PATH(host, disk1000, "disk1000.img");
	PATH(host, disk1024, "disk1024.img");
	PATH(host, disk1536, "disk1536.img");
	PATH(host, missing, "missing");
	PATH(host, subdir, "subdir");
	PATH(host, vars128k, "vars128k.fd");
	PATH(host, vars128k1, "vars128k1.fd");
	PATH(host, fw2m1, "fw2m1.fd");
	make_file(host->program, 20, 0755);
	make_file(host->plain, 20, 0644);
	make_file(host->kernel, 4096, 0644);
	make_file(host->ramdisk, 100, 0644);
	make_file(host->empty, 0, 0644);
	make_file(host->disk1000, 1000, 0644);
	make_file(host->disk1024, 1024, 0644);
	make_file(host->disk1536, 1536, 0644);
	assert_int_equal(mkdir(host->subdir, 0755), 0);
	make_file(host->vars128k, 128 << 10, 0644);
	make_file(host->vars128k1, (128 << 10) + 1, 0644);
	make_file(host->fw2m1, (2 << 20) + 1, 0644);

	host->vm.target = acrn_target_find("3.3");
	host->vm.devices = host->devices;
	*state = host;
	return 0;
}

static int teardown(void **state)
{
	struct host *host = *state;
	const char *files[] = {host->program,  host->plain,     host->kernel,   host->ramdisk,
			       host->empty,    host->disk1000,  host->disk1024, host->disk1536,
			       host->vars128k, host->vars128k1, host->fw2m1};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		unlink(files[i]);
	rmdir(host->subdir);
	rmdir(host->dir);
	free(host);
	return 0;
}

static struct acrn_value text(const char *s)
{
	return (struct acrn_value){.set = true, .text = s, .length = strlen(s)};
}

static void set_option(struct host *host, const char *name, const char *path)
{
	int index = acrn_option_find(name);
	assert_true(index >= 0);
	host->vm.options[index] = text(path);
}

/* Adds a hostbridge and a virtio-blk on `path` (NULL: a nodisk placeholder). */
static void add_disk(struct host *host, const char *path)
{
	struct acrn_device *bridge = &host->devices[host->vm.device_count++];
	bridge->emulation = acrn_emulation_find("hostbridge");
	struct acrn_device *disk = &host->devices[host->vm.device_count++];
	disk->emulation = acrn_emulation_find("virtio-blk");
	disk->slot = 4;
	if (path)
		disk->values[acrn_field_find(disk->emulation, "path")] = text(path);
	else
		disk->values[acrn_field_find(disk->emulation, "nodisk")] =
			(struct acrn_value){.set = true, .flag = true};
}

static int check(struct host *host, const char *program)
{
	memset(&host->error, 0, sizeof host->error);
	host->error.device = 77;
	return acrn_host_check(&host->vm, program, &host->error);
}

/* The message holds `word`, and `word2` unless NULL. */
static void says(struct host *host, const char *word, const char *word2)
{
	if (!strstr(host->error.message, word) || (word2 && !strstr(host->error.message, word2)))
		print_error("message: %s\nwanted: %s / %s\n", host->error.message, word,
			    word2 ? word2 : "");
	assert_non_null(strstr(host->error.message, word));
	if (word2)
		assert_non_null(strstr(host->error.message, word2));
}

/* Everything in place: 0. */
static void all_good(void **state)
{
	struct host *host = *state;
	set_option(host, "kernel", host->kernel);
	set_option(host, "ramdisk", host->ramdisk);
	add_disk(host, host->disk1024);
	assert_int_equal(check(host, host->program), 0);
}

/* No files named at all (nodisk placeholder, no kernel): only the program. */
static void nothing_to_check(void **state)
{
	struct host *host = *state;
	add_disk(host, NULL);
	assert_int_equal(check(host, host->program), 0);
	assert_int_equal(check(host, host->missing), -ENOENT);
}

/* A program that is not there: -ENOENT naming it. */
static void program_missing(void **state)
{
	struct host *host = *state;
	assert_int_equal(check(host, host->missing), -ENOENT);
	assert_int_equal(host->error.device, 0);
	says(host, host->missing, strerror(ENOENT));
	says(host, "cannot be run", NULL);
}

/* A program without execute permission: -EACCES naming it. */
static void program_not_executable(void **state)
{
	struct host *host = *state;
	assert_int_equal(check(host, host->plain), -EACCES);
	assert_int_equal(host->error.device, 0);
	says(host, host->plain, strerror(EACCES));
}

/* The program is checked before the files. */
static void program_checked_first(void **state)
{
	struct host *host = *state;
	set_option(host, "kernel", host->missing);
	assert_int_equal(check(host, host->plain), -EACCES);
	says(host, host->plain, NULL);
}

/* A kernel that is not there: -ENOENT naming the field and the path. */
static void kernel_missing(void **state)
{
	struct host *host = *state;
	set_option(host, "kernel", host->missing);
	assert_int_equal(check(host, host->program), -ENOENT);
	assert_int_equal(host->error.device, 0);
	says(host, "kernel \"", host->missing);
	says(host, "cannot be read", strerror(ENOENT));
}

/* An empty kernel is refused. */
static void kernel_empty(void **state)
{
	struct host *host = *state;
	set_option(host, "kernel", host->empty);
	assert_int_equal(check(host, host->program), -EINVAL);
	assert_int_equal(host->error.device, 0);
	says(host, "kernel \"", host->empty);
	says(host, "is empty", NULL);
}

/* A directory is no kernel. */
static void kernel_directory(void **state)
{
	struct host *host = *state;
	set_option(host, "kernel", host->subdir);
	assert_int_equal(check(host, host->program), -EINVAL);
	says(host, host->subdir, "not a regular file");
}

/* The ramdisk is checked like the kernel. */
static void ramdisk_missing(void **state)
{
	struct host *host = *state;
	set_option(host, "kernel", host->kernel);
	set_option(host, "ramdisk", host->missing);
	assert_int_equal(check(host, host->program), -ENOENT);
	says(host, "ramdisk \"", host->missing);
}

/* A disk image of 1000 bytes is not whole sectors: refused for its device. */
static void disk_not_sectors(void **state)
{
	struct host *host = *state;
	add_disk(host, host->disk1000);
	assert_int_equal(check(host, host->program), -EINVAL);
	assert_int_equal(host->error.device, 2);
	says(host, "device #2 (virtio-blk): path \"", host->disk1000);
	says(host, "1000 bytes", "multiple of 512");
}

/* Disk images of 1024 and 1536 bytes (two and three sectors) are fine. */
static void disk_whole_sectors(void **state)
{
	struct host *host = *state;
	add_disk(host, host->disk1024);
	assert_int_equal(check(host, host->program), 0);
	host->devices[1].values[acrn_field_find(host->devices[1].emulation, "path")] = text(
		host->disk1536);
	assert_int_equal(check(host, host->program), 0);
}

/* A missing, empty or non-regular disk is refused for its device. */
static void disk_missing_or_empty(void **state)
{
	struct host *host = *state;
	add_disk(host, host->missing);
	struct acrn_value *path =
		&host->devices[1].values[acrn_field_find(host->devices[1].emulation, "path")];
	assert_int_equal(check(host, host->program), -ENOENT);
	assert_int_equal(host->error.device, 2);
	says(host, "device #2 (virtio-blk)", host->missing);

	*path = text(host->empty);
	assert_int_equal(check(host, host->program), -EINVAL);
	assert_int_equal(host->error.device, 2);
	says(host, host->empty, "is empty");

	*path = text("/dev/null");
	assert_int_equal(check(host, host->program), -EINVAL);
	says(host, "/dev/null", "not a regular file");
}

/* Regression (found by this test, fixed): a directory passes access(X_OK), so acrn_host_check accepts a
 * directory as the program although execv fails on it with EACCES.  The
 * program must be an executable regular file. */
static void program_directory(void **state)
{
	struct host *host = *state;
	assert_int_equal(check(host, host->subdir), -EACCES);
	says(host, host->subdir, NULL);
}

/* ---- nested values and host facts ----------------------------------------- */

static struct acrn_value storage[64];

/* The option `name` as a RECORD (or RECORDS of `count`), its items zeroed. */
static struct acrn_value *record_option(struct host *host, const char *name, size_t count,
					const struct acrn_field **field)
{
	size_t options_count;
	int index = acrn_option_find(name);
	assert_true(index >= 0);
	*field = &acrn_options(&options_count)[index].field;
	memset(storage, 0, sizeof storage);
	assert_true(count * (*field)->record->count <= 64);
	host->vm.options[index] =
		(struct acrn_value){.set = true, .items = storage, .count = count};
	return &host->vm.options[index];
}

static void record_put(const struct acrn_field *field, size_t index, const char *name,
		       struct acrn_value value)
{
	int f = acrn_record_find(field->record, name);
	assert_true(f >= 0);
	storage[index * field->record->count + (size_t)f] = value;
}

/* OVMF images: the variables at most 128 KiB, the firmware at most 2 MiB;
 * the message names the option, the field and the file. */
static void ovmf_sizes(void **state)
{
	struct host *host = *state;
	const struct acrn_field *ovmf;
	record_option(host, "ovmf", 1, &ovmf);
	record_put(ovmf, 0, "code", text(host->kernel));
	record_put(ovmf, 0, "vars", text(host->vars128k));
	assert_int_equal(check(host, host->program), 0);

	record_put(ovmf, 0, "vars", text(host->vars128k1));
	assert_int_equal(check(host, host->program), -EINVAL);
	assert_int_equal(host->error.device, 0);
	says(host, "ovmf: vars \"", host->vars128k1);
	says(host, "131073 bytes", "at most 131072");

	record_put(ovmf, 0, "vars", text(host->missing));
	assert_int_equal(check(host, host->program), -ENOENT);
	says(host, "ovmf: vars \"", host->missing);

	record_option(host, "ovmf", 1, &ovmf);
	record_put(ovmf, 0, "path", text(host->fw2m1));
	assert_int_equal(check(host, host->program), -EINVAL);
	says(host, "ovmf: path \"", "2097153 bytes");
	record_put(ovmf, 0, "path", text(host->vars128k1));
	assert_int_equal(check(host, host->program), 0);
}

/* ahci ports: an hd image is a disk (N x 512 bytes), a cd image a file. */
static void ahci_images(void **state)
{
	struct host *host = *state;
	static struct acrn_value ports[8];
	struct acrn_device *bridge = &host->devices[host->vm.device_count++];
	bridge->emulation = acrn_emulation_find("hostbridge");
	struct acrn_device *ahci = &host->devices[host->vm.device_count++];
	ahci->emulation = acrn_emulation_find("ahci");
	ahci->slot = 4;
	const struct acrn_field *field =
		&ahci->emulation->fields[acrn_field_find(ahci->emulation, "ports")];
	size_t width = field->record->count;
	int hd = acrn_record_find(field->record, "hd"), cd = acrn_record_find(field->record, "cd");
	assert_true(width * 2 <= 8 && hd >= 0 && cd >= 0);
	memset(ports, 0, sizeof ports);
	ports[(size_t)cd] = text(host->disk1000);
	ports[width + (size_t)hd] = text(host->disk1024);
	ahci->values[acrn_field_find(ahci->emulation, "ports")] =
		(struct acrn_value){.set = true, .items = ports, .count = 2};
	assert_int_equal(check(host, host->program), 0);

	ports[width + (size_t)hd] = text(host->disk1000);
	assert_int_equal(check(host, host->program), -EINVAL);
	assert_int_equal(host->error.device, 2);
	says(host, "device #2 (ahci): ports[2]: hd \"", host->disk1000);
	says(host, "1000 bytes", "multiple of 512");

	ports[width + (size_t)hd] = text(host->empty);
	assert_int_equal(check(host, host->program), -EINVAL);
	says(host, "ports[2]: hd", "is empty");

	ports[width + (size_t)hd] = text(host->disk1536);
	ports[(size_t)cd] = text(host->missing);
	assert_int_equal(check(host, host->program), -ENOENT);
	says(host, "device #2 (ahci): ports[1]: cd \"", host->missing);
}

/* Files inside other devices and options: passthru's romfile, iasl, and
 * acpidev_pt's dsdt. */
static void other_files(void **state)
{
	struct host *host = *state;
	struct acrn_device *bridge = &host->devices[host->vm.device_count++];
	bridge->emulation = acrn_emulation_find("hostbridge");
	struct acrn_device *pt = &host->devices[host->vm.device_count++];
	pt->emulation = acrn_emulation_find("passthru");
	pt->slot = 5;
	pt->values[acrn_field_find(pt->emulation, "bdf")] = text("0/1f/3");
	pt->values[acrn_field_find(pt->emulation, "romfile")] = text(host->missing);
	assert_int_equal(check(host, host->program), -ENOENT);
	assert_int_equal(host->error.device, 2);
	says(host, "device #2 (passthru): romfile \"", host->missing);
	pt->values[acrn_field_find(pt->emulation, "romfile")] = text(host->kernel);
	assert_int_equal(check(host, host->program), 0);

	set_option(host, "iasl", host->empty);
	assert_int_equal(check(host, host->program), -EINVAL);
	says(host, "iasl \"", "is empty");
	set_option(host, "iasl", host->program);

	const struct acrn_field *acpidev;
	record_option(host, "acpidev_pt", 2, &acpidev);
	record_put(acpidev, 0, "hid", text("MSFT0101"));
	record_put(acpidev, 1, "hid", text("INT34C5"));
	record_put(acpidev, 1, "dsdt", text(host->subdir));
	assert_int_equal(check(host, host->program), -EINVAL);
	assert_int_equal(host->error.device, 0);
	says(host, "acpidev_pt[2]: dsdt \"", "not a regular file");
	record_put(acpidev, 1, "dsdt", text(host->ramdisk));
	assert_int_equal(check(host, host->program), 0);
}

/* Writes ROOT/proc/cpuinfo in the kernel's format, CPU n with LAPIC id
 * ids[n]; a long flags line as on real hosts. */
static void write_cpuinfo(struct host *host, const unsigned *ids, size_t count, char *proc,
			  char *cpuinfo)
{
	sprintf(proc, "%s/proc", host->dir);
	sprintf(cpuinfo, "%s/cpuinfo", proc);
	assert_int_equal(mkdir(proc, 0755), 0);
	FILE *file = fopen(cpuinfo, "w");
	assert_non_null(file);
	for (size_t cpu = 0; cpu < count; cpu++) {
		fprintf(file,
			"processor\t: %zu\nvendor_id\t: GenuineIntel\nphysical id\t: 0\n"
			"core id\t\t: %zu\napicid\t\t: %u\ninitial apicid\t: %u\nflags\t\t:",
			cpu, cpu, ids[cpu], ids[cpu]);
		for (int i = 0; i < 60; i++)
			fprintf(file, " flag%d", i);
		fprintf(file, "\nbogomips\t: 4224.00\n\n");
	}
	assert_int_equal(fclose(file), 0);
}

/* acrn_cpus_read reads ROOT/proc/cpuinfo: each processor with its apicid;
 * the engine's lookups then map both ways. */
static void cpu_lapic_ids(void **state)
{
	struct host *host = *state;
	char proc[160], cpuinfo[192];
	static const unsigned ids[] = {0, 4, 2, 6, 17};
	struct acrn_cpu cpus[8];
	size_t count = 99;
	unsigned id = 999;
	write_cpuinfo(host, ids, 5, proc, cpuinfo);
	assert_int_equal(acrn_cpus_read(host->dir, cpus, 8, &count), 0);
	assert_int_equal(count, 5);
	struct acrn_host_facts facts = {.cpus = cpus, .cpu_count = count, .source = "cpuinfo"};
	for (unsigned cpu = 0; cpu < 5; cpu++) {
		id = 999;
		assert_int_equal(acrn_cpu_lapic_id(&facts, cpu, &id), 0);
		assert_int_equal(id, ids[cpu]);
		assert_int_equal(acrn_cpu_number(&facts, ids[cpu], &id), 0);
		assert_int_equal(id, cpu);
	}
	id = 999;
	assert_int_equal(acrn_cpu_lapic_id(&facts, 5, &id), -ENODATA);
	assert_int_equal(id, 999);
	assert_int_equal(acrn_cpu_number(&facts, 5, &id), -ENODATA);
	assert_int_equal(acrn_cpu_lapic_id(NULL, 0, &id), -ENODATA);
	/* too little room: an error, not a cut list */
	assert_int_equal(acrn_cpus_read(host->dir, cpus, 3, &count), -E2BIG);
	/* no cpuinfo under the root at all: the file's own errno */
	assert_int_equal(acrn_cpus_read(host->subdir, cpus, 8, &count), -ENOENT);
	unlink(cpuinfo);
	rmdir(proc);

	/* NULL is the real root, "/" */
	struct acrn_cpu a[1024], b[1024];
	size_t na = 0, nb = 0;
	int rc = acrn_cpus_read(NULL, a, 1024, &na);
	assert_int_equal(acrn_cpus_read("/", b, 1024, &nb), rc);
	assert_int_equal(na, nb);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(all_good),
		T(nothing_to_check),
		T(program_missing),
		T(program_not_executable),
		T(program_checked_first),
		T(kernel_missing),
		T(kernel_empty),
		T(kernel_directory),
		T(ramdisk_missing),
		T(disk_not_sectors),
		T(disk_whole_sectors),
		T(disk_missing_or_empty),
		T(program_directory),
		T(ovmf_sizes),
		T(ahci_images),
		T(other_files),
		T(cpu_lapic_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
