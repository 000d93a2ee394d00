/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers for the tests that build a small tree of files and links under a
 * temporary directory (test_beneath.c, test_host_file.c): a --root tree, a
 * sysfs, the links an attacker plants.  Paths are relative to `base`, with
 * or without a leading slash. */
#ifndef ACRN_TESTS_TREE_HELPERS_H
#define ACRN_TESTS_TREE_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* BASE/PATH into `full`. */
static inline void tree_path(char *full, size_t size, const char *base, const char *path)
{
	snprintf(full, size, "%s/%s", base, path[0] == '/' ? path + 1 : path);
}

/* Writes `text` to BASE/PATH with `mode`, making the directories above. */
static inline void tree_put(const char *base, const char *path, const char *text, mode_t mode)
{
	char full[512];
	tree_path(full, sizeof full, base, path);
	for (char *slash = strchr(full + strlen(base) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(full, 0755);
		*slash = '/';
	}
	int fd = open(full, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

/* BASE/PATH -> TARGET, a symbolic link. */
static inline void tree_link(const char *base, const char *target, const char *path)
{
	char full[512];
	tree_path(full, sizeof full, base, path);
	assert_int_equal(symlink(target, full), 0);
}

static inline int tree_remove_one(const char *path, const struct stat *st, int flag,
				  struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Removes BASE and everything below it, links not followed: 0 or -1. */
static inline int tree_remove(const char *base)
{
	return nftw(base, tree_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
