/* SPDX-License-Identifier: Apache-2.0 */
/* Host facts read at launch, against a sysfs-like tree under a root:
 * acrn_host_file_read (acrn.host_file) and acrn_inputs_read (virtio-input
 * by name), with the attacks a foreign --root tree can make. */
#define _XOPEN_SOURCE 700
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
#include "tree_helpers.h"

static char root[64];

static void put(const char *path, const char *text, mode_t mode)
{
	tree_put(root, path, text, mode);
}

static void link_to(const char *target, const char *path)
{
	tree_link(root, target, path);
}

static int setup(void **state)
{
	(void)state;
	strcpy(root, "/tmp/acrn-host-file-XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return tree_remove(root);
}

/* What a read gives: the text, or the error's message. */
static const char *read_fact(const char *pattern, char *text, size_t size)
{
	static struct acrn_error error;
	if (acrn_host_file_read(root, pattern, text, size, &error) < 0)
		return error.message;
	return NULL;
}

static void first_line_through_links(void **state)
{
	(void)state;
	char text[256];
	/* sysfs: the class entry links into the device tree */
	put("/sys/devices/pci0000:00/0000:00:1f.6/net/eno1/address", "00:1b:21:aa:bb:cc\nmore\n",
	    0444);
	put("/sys/class/net/placeholder", "", 0444);
	link_to("../../devices/pci0000:00/0000:00:1f.6/net/eno1", "/sys/class/net/eno1");
	assert_null(read_fact("/sys/class/net/e*/address", text, sizeof text));
	assert_string_equal(text, "00:1b:21:aa:bb:cc");
	/* a small buffer keeps what fits */
	assert_null(read_fact("/sys/class/net/eno1/address", text, 6));
	assert_string_equal(text, "00:1b");
}

static void one_match_only(void **state)
{
	(void)state;
	char text[256];
	put("/sys/class/net/eno1/address", "00:1b:21:aa:bb:cc\n", 0444);
	put("/sys/class/net/eno2/address", "00:1b:21:aa:bb:cd\n", 0444);
	const char *message = read_fact("/sys/class/net/e*/address", text, sizeof text);
	assert_non_null(message);
	assert_non_null(strstr(message, "2 files match it under"));
	message = read_fact("/sys/class/net/w*/address", text, sizeof text);
	assert_non_null(message);
	assert_non_null(strstr(message, "no file matches it under"));
}

static void only_sysfs(void **state)
{
	(void)state;
	char text[256];
	put("/etc/secret", "root:x\n", 0444);
	const char *patterns[] = {"/etc/secret", "/sys/../etc/secret", "/proc/self/environ",
				  "/sys/./class"};
	for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++) {
		const char *message = read_fact(patterns[i], text, sizeof text);
		assert_non_null(message);
		assert_non_null(strstr(message, "only files under /sys are host facts"));
	}
}

/* A --root tree set up by someone else: links out of it, files only root
 * may read, devices, control bytes. */
static void attacks_from_the_tree(void **state)
{
	(void)state;
	char text[256], outside[64];
	/* a file outside the root, which a link inside points at */
	strcpy(outside, "/tmp/acrn-outside-XXXXXX");
	int fd = mkstemp(outside);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "secret\n", 7), 7);
	close(fd);
	put("/sys/class/net/placeholder", "", 0444);
	link_to(outside, "/sys/class/net/abs");
	link_to("../../../../../../../../../..", "/sys/class/up");
	const char *message = read_fact("/sys/class/net/abs", text, sizeof text);
	assert_non_null(message);
	assert_non_null(strstr(message, "beneath the root"));
	assert_null(strstr(message, "secret"));
	char through[128];
	snprintf(through, sizeof through, "/sys/class/up%s", outside);
	message = read_fact(through, text, sizeof text);
	assert_non_null(message);
	assert_null(strstr(message, "secret\n"));
	unlink(outside);
	/* what only root may read */
	put("/sys/firmware/key", "k3y\n", 0400);
	message = read_fact("/sys/firmware/key", text, sizeof text);
	assert_non_null(message);
	assert_non_null(strstr(message, "not a regular file every user may read"));
	/* a directory, and a FIFO that would block */
	message = read_fact("/sys/class", text, sizeof text);
	assert_non_null(message);
	char fifo[512];
	snprintf(fifo, sizeof fifo, "%s/sys/class/fifo", root);
	assert_int_equal(mkfifo(fifo, 0666), 0);
	message = read_fact("/sys/class/fifo", text, sizeof text);
	assert_non_null(message);
	assert_non_null(strstr(message, "not a regular file"));
	/* a control byte a terminal would act on */
	put("/sys/class/net/eno9/address", "00:1b\x1b[2J\n", 0444);
	message = read_fact("/sys/class/net/eno9/address", text, sizeof text);
	assert_non_null(message);
	assert_non_null(strstr(message, "control character"));
}

/* Glob characters in the root's own name are not patterns. */
static void odd_root_name(void **state)
{
	(void)state;
	char odd[128], text[64];
	struct acrn_error error;
	put("/t[1]*/sys/class/net/eno1/address", "02:00:00:00:00:01\n", 0444);
	snprintf(odd, sizeof odd, "%s/t[1]*", root);
	assert_int_equal(acrn_host_file_read(odd, "/sys/class/net/e*/address", text, sizeof text,
					     &error),
			 0);
	assert_string_equal(text, "02:00:00:00:00:01");
}

static void input_devices(void **state)
{
	(void)state;
	struct acrn_input inputs[8];
	char pool[512];
	size_t count = 99;
	assert_int_equal(acrn_inputs_read(root, inputs, 8, &count, pool, sizeof pool), -ENOENT);
	assert_int_equal(count, 0);
	put("/sys/devices/platform/i8042/serio0/input/input3/name",
	    "AT Translated Set 2 keyboard\n", 0444);
	put("/sys/devices/platform/i8042/serio0/input/input3/phys", "isa0060/serio0/input0\n",
	    0444);
	put("/sys/devices/platform/i8042/serio0/input/input3/event3/uevent", "", 0444);
	link_to("../../input3", "/sys/devices/platform/i8042/serio0/input/input3/event3/device");
	put("/sys/class/input/event7/device/name", "Power Button\n", 0444); /* no phys */
	put("/sys/class/input/mice/device/name", "mice\n", 0444);           /* not an event */
	put("/sys/class/input/event9/device/other", "", 0444);              /* no name */
	link_to("../../devices/platform/i8042/serio0/input/input3/event3",
		"/sys/class/input/event3");
	assert_int_equal(acrn_inputs_read(root, inputs, 8, &count, pool, sizeof pool), 0);
	assert_int_equal(count, 2);
	const struct acrn_input *keyboard = inputs[0].event == 3 ? &inputs[0] : &inputs[1];
	const struct acrn_input *button = inputs[0].event == 3 ? &inputs[1] : &inputs[0];
	assert_int_equal(keyboard->event, 3);
	assert_string_equal(keyboard->name, "AT Translated Set 2 keyboard");
	assert_string_equal(keyboard->phys, "isa0060/serio0/input0");
	assert_int_equal(button->event, 7);
	assert_string_equal(button->name, "Power Button");
	assert_null(button->phys);
	/* more than there is room for is said, never cut silently */
	assert_int_equal(acrn_inputs_read(root, inputs, 1, &count, pool, sizeof pool), -E2BIG);
	assert_int_equal(acrn_inputs_read(root, inputs, 8, &count, pool, 20), -E2BIG);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(first_line_through_links), T(one_match_only), T(only_sysfs),
		T(attacks_from_the_tree),    T(odd_root_name),  T(input_devices),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
