/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Paths under a root (--root): what the host steps and host facts read
 * and write there is resolved beneath that root, never outside it.  Links
 * that stay inside keep working (a sysfs tree is full of them); a link
 * that leads out (an absolute one, or ".." past the root) is refused, and
 * so are magic links (/proc/PID/fd/N).  The kernel does it with openat2
 * (RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS, Linux 5.6); before that, a
 * walk component by component with O_NOFOLLOW does the same.
 */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define WALK_DEPTH 64 /* directories deep */
#define LINKS_MAX 40  /* links followed, as the kernel allows */

static bool real_root(const char *root)
{
	return !root || !*root || strcmp(root, "/") == 0;
}

int acrn_walk_beneath(int root_fd, const char *path, int flags)
{
	char rest[2 * ACRN_PATH_MAX], joined[2 * ACRN_PATH_MAX];
	int dirs[WALK_DEPTH];
	size_t depth = 0;
	int links = 0, fd = -1, rc = 0;
	if (strlen(path) >= sizeof rest)
		return -ENAMETOOLONG;
	snprintf(rest, sizeof rest, "%s", path);
	dirs[0] = root_fd;
	const char *at = rest;
	for (;;) {
		while (*at == '/')
			at++;
		if (!*at) { /* the path names a directory reached so far */
			fd = openat(dirs[depth], ".", flags);
			rc = fd < 0 ? -errno : 0;
			break;
		}
		size_t length = strcspn(at, "/");
		char name[NAME_MAX + 1];
		if (length > NAME_MAX) {
			rc = -ENAMETOOLONG;
			break;
		}
		memcpy(name, at, length);
		name[length] = '\0';
		at += length;
		const char *after = at + strspn(at, "/");
		bool last = *after == '\0';
		if (strcmp(name, ".") == 0)
			continue;
		if (strcmp(name, "..") == 0) {
			if (depth == 0) { /* out of the root */
				rc = -EXDEV;
				break;
			}
			close(dirs[depth--]);
			continue;
		}
		struct stat st;
		if (fstatat(dirs[depth], name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			rc = -errno;
			break;
		}
		if (S_ISLNK(st.st_mode) && !(last && (flags & O_NOFOLLOW))) {
			char target[ACRN_PATH_MAX];
			ssize_t n = readlinkat(dirs[depth], name, target, sizeof target - 1);
			if (n < 0 || ++links > LINKS_MAX) {
				rc = n < 0 ? -errno : -ELOOP;
				break;
			}
			target[n] = '\0';
			if (target[0] == '/' || (size_t)n + strlen(at) >= sizeof joined) {
				rc = target[0] == '/' ? -EXDEV : -ENAMETOOLONG;
				break;
			}
			snprintf(joined, sizeof joined, "%s%s", target, at);
			memcpy(rest, joined, strlen(joined) + 1);
			at = rest;
			continue;
		}
		if (last) { /* swapped for a link since: O_NOFOLLOW refuses it */
			fd = openat(dirs[depth], name, flags | O_NOFOLLOW);
			rc = fd < 0 ? -errno : 0;
			break;
		}
		if (depth + 1 == WALK_DEPTH) {
			rc = -ELOOP;
			break;
		}
		int next = openat(dirs[depth], name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			rc = -errno;
			break;
		}
		dirs[++depth] = next;
	}
	while (depth > 0)
		close(dirs[depth--]);
	return rc < 0 ? rc : fd;
}

int acrn_open_beneath(const char *root, const char *path, int flags)
{
	flags |= O_CLOEXEC;
	if (real_root(root)) {
		int fd = open(path, flags);
		return fd < 0 ? -errno : fd;
	}
	int root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0)
		return -errno;
	const char *relative = path + strspn(path, "/");
	struct open_how how = {.flags = (unsigned long long)flags,
			       .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
	int fd = (int)syscall(SYS_openat2, root_fd, *relative ? relative : ".", &how, sizeof how);
	int rc = fd < 0 ? -errno : fd;
	if (rc == -ENOSYS)
		rc = acrn_walk_beneath(root_fd, path, flags);
	close(root_fd);
	return rc;
}

int acrn_stat_beneath(const char *root, const char *path, struct stat *st)
{
	int fd = acrn_open_beneath(root, path, O_PATH);
	if (fd < 0)
		return fd;
	int rc = fstat(fd, st) < 0 ? -errno : 0;
	close(fd);
	return rc;
}

ssize_t acrn_readlink_beneath(const char *root, const char *path, char *buffer, size_t size)
{
	int fd = acrn_open_beneath(root, path, O_PATH | O_NOFOLLOW);
	if (fd < 0)
		return fd;
	ssize_t n = readlinkat(fd, "", buffer, size - 1);
	int rc = n < 0 ? -errno : 0;
	close(fd);
	if (rc < 0)
		return rc;
	buffer[n] = '\0';
	return n;
}
