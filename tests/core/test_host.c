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

#include "acrn.h"

/* A temporary directory with the files the tests point at. */
struct host {
	char dir[64];
	char program[128], plain[128], kernel[128], ramdisk[128], empty[128];
	char disk1000[128], disk1024[128], disk1536[128], missing[128], subdir[128];
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

#define PATH(host, member, name) snprintf((host)->member, sizeof (host)->member, "%s/" name, (host)->dir)

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
	make_file(host->program, 20, 0755);
	make_file(host->plain, 20, 0644);
	make_file(host->kernel, 4096, 0644);
	make_file(host->ramdisk, 100, 0644);
	make_file(host->empty, 0, 0644);
	make_file(host->disk1000, 1000, 0644);
	make_file(host->disk1024, 1024, 0644);
	make_file(host->disk1536, 1536, 0644);
	assert_int_equal(mkdir(host->subdir, 0755), 0);

	host->vm.target = acrn_target_find("3.3");
	host->vm.devices = host->devices;
	*state = host;
	return 0;
}

static int teardown(void **state)
{
	struct host *host = *state;
	const char *files[] = {host->program, host->plain,    host->kernel,   host->ramdisk,
			       host->empty,   host->disk1000, host->disk1024, host->disk1536};
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
	host->devices[1].values[0] = text(host->disk1536);
	assert_int_equal(check(host, host->program), 0);
}

/* A missing, empty or non-regular disk is refused for its device. */
static void disk_missing_or_empty(void **state)
{
	struct host *host = *state;
	add_disk(host, host->missing);
	assert_int_equal(check(host, host->program), -ENOENT);
	assert_int_equal(host->error.device, 2);
	says(host, "device #2 (virtio-blk)", host->missing);

	host->devices[1].values[0] = text(host->empty);
	assert_int_equal(check(host, host->program), -EINVAL);
	assert_int_equal(host->error.device, 2);
	says(host, host->empty, "is empty");

	host->devices[1].values[0] = text("/dev/null");
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
