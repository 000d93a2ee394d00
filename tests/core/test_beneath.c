/* SPDX-License-Identifier: Apache-2.0 */
/* Paths under a root (beneath.c): openat2 and the walk that stands in for
 * it on older kernels resolve alike: links inside the root are followed,
 * links and ".." that lead out are refused, a loop ends. */
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

static char top[] = "/tmp/acrn-beneath-XXXXXX";
static char root[256];

static void make(const char *path, const char *text)
{
	tree_put(top, path, text, 0644);
}

static void link_to(const char *target, const char *path)
{
	tree_link(top, target, path);
}

static int setup(void **state)
{
	(void)state;
	char path[512];
	if (!mkdtemp(top))
		return -1;
	snprintf(root, sizeof root, "%s/root", top);
	for (const char *dir = "root\0root/a\0root/b\0"; *dir; dir += strlen(dir) + 1) {
		snprintf(path, sizeof path, "%s/%s", top, dir);
		if (mkdir(path, 0755) < 0)
			return -1;
	}
	make("outside", "outside\n");
	make("root/a/file", "inside\n");
	make("root/b/target", "target\n");
	link_to("../b/target", "root/a/link-in");
	link_to("../b", "root/a/dir-in");
	link_to("../../outside", "root/a/link-out");
	snprintf(path, sizeof path, "%s/outside", top);
	link_to(path, "root/a/absolute");
	link_to("loop", "root/a/loop");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return tree_remove(top);
}

/* Opens `path` both ways; both must agree: the text read, or the errno. */
static void expect(const char *path, const char *text, int rc)
{
	int root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(root_fd >= 0);
	int fds[2] = {acrn_open_beneath(root, path, O_RDONLY),
		      acrn_walk_beneath(root_fd, path, O_RDONLY | O_CLOEXEC)};
	close(root_fd);
	for (int i = 0; i < 2; i++) {
		if (rc < 0) {
			assert_int_equal(fds[i], rc);
			continue;
		}
		assert_true(fds[i] >= 0);
		char buffer[64] = "";
		ssize_t n = read(fds[i], buffer, sizeof buffer - 1);
		close(fds[i]);
		assert_true(n >= 0);
		assert_string_equal(buffer, text);
	}
}

static void links_inside_are_followed(void **state)
{
	(void)state;
	expect("/a/file", "inside\n", 0);
	expect("/a/link-in", "target\n", 0);
	expect("/a/dir-in/target", "target\n", 0);
	expect("/a/../b/./target", "target\n", 0);
	expect("a//link-in", "target\n", 0);
}

static void what_leads_out_is_refused(void **state)
{
	(void)state;
	expect("/a/link-out", NULL, -EXDEV);
	expect("/a/absolute", NULL, -EXDEV);
	expect("/a/../../outside", NULL, -EXDEV);
	expect("/../root/a/file", NULL, -EXDEV);
	expect("/a/loop", NULL, -ELOOP);
	expect("/a/missing", NULL, -ENOENT);
}

/* The final link itself, and what readlink and stat see. */
static void the_final_link_itself(void **state)
{
	(void)state;
	char target[64];
	assert_int_equal(acrn_readlink_beneath(root, "/a/link-in", target, sizeof target), 11);
	assert_string_equal(target, "../b/target");
	struct stat st;
	assert_int_equal(acrn_stat_beneath(root, "/a/link-in", &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(acrn_stat_beneath(root, "/a/link-out", &st), -EXDEV);
	int root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	int fd = acrn_walk_beneath(root_fd, "/a/link-out", O_PATH | O_NOFOLLOW | O_CLOEXEC);
	close(root_fd);
	assert_true(fd >= 0); /* the link, not where it leads */
	assert_int_equal(fstat(fd, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	close(fd);
}

/* The host itself ("/" or none) is opened as it is. */
static void the_real_root(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof path, "%s/outside", top);
	for (int i = 0; i < 2; i++) {
		int fd = acrn_open_beneath(i ? "/" : NULL, path, O_RDONLY);
		assert_true(fd >= 0);
		close(fd);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(links_inside_are_followed),
		cmocka_unit_test(what_leads_out_is_refused),
		cmocka_unit_test(the_final_link_itself),
		cmocka_unit_test(the_real_root),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
