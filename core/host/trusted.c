/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Files the launcher runs as its own code (site policies), checked the way
 * sudo checks sudoers before it believes one: a regular file, not reached
 * through a final symbolic link, owned by root (or, where allowed, by the
 * caller) and writable by its owner alone, in directories that hold to the
 * same.  The file is read through the descriptor that was checked, so it
 * cannot be swapped after the check.
 */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TRUSTED_MAX (16 << 20) /* bytes of a site policy */

/* Whether `st` is owned by root or `owner` and writable by its owner alone;
 * else fails naming `what` (the path) with its mode and owner. */
static int check_owner(const struct stat *st, uid_t owner, const char *file, const char *what,
		       struct acrn_error *error)
{
	bool owned = st->st_uid == 0 || st->st_uid == owner;
	bool writable = (st->st_mode & (S_IWGRP | S_IWOTH)) != 0;
	if (owned && !writable)
		return 0;
	acrn_fail(error, 0,
		  "%s: not a site policy to trust: %s is %s (mode %04o, owned by uid %u); it "
		  "must be owned by root%s and writable by its owner alone",
		  file, what, !owned ? "owned by someone else" : "writable by others",
		  (unsigned)(st->st_mode & 07777), (unsigned)st->st_uid,
		  owner != 0 ? " or you" : "");
	return -EPERM;
}

/* Opens the directory that holds `path`; with `every`, walks it from "/"
 * component by component (no symbolic link followed), checking each
 * directory on the way, else checks that directory alone.  A descriptor,
 * -ENOENT when a directory is missing, or another negative errno with
 * `error`. */
static int open_directory(const char *path, const char *directory, bool every, uid_t owner,
			  struct acrn_error *error)
{
	struct stat st;
	if (!every) {
		int fd = open(directory, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0) {
			int rc = -errno;
			acrn_fail(error, 0, "%s: cannot open its directory %s: %s", path, directory,
				  strerror(errno));
			return rc;
		}
		int rc = fstat(fd, &st) < 0 ? -errno
					    : check_owner(&st, owner, path, directory, error);
		if (rc < 0) {
			close(fd);
			return rc;
		}
		return fd;
	}
	char walked[ACRN_PATH_MAX];
	snprintf(walked, sizeof walked, "%s", directory);
	int fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	size_t at = 0;
	if (fd < 0) {
		int rc = -errno;
		acrn_fail(error, 0, "%s: cannot open /: %s", path, strerror(-rc));
		return rc;
	}
	char *save = NULL;
	for (char *name = strtok_r(walked, "/", &save);; name = strtok_r(NULL, "/", &save)) {
		int rc = fstat(fd, &st) < 0 ? -errno : 0;
		char shown[ACRN_PATH_MAX];
		snprintf(shown, sizeof shown, "%.*s", at ? (int)at : 1, at ? directory : "/");
		if (rc == 0)
			rc = check_owner(&st, owner, path, shown, error);
		else if (rc != -ENOENT)
			acrn_fail(error, 0, "%s: cannot open %s: %s", path, shown, strerror(-rc));
		if (rc < 0 || !name) {
			if (rc < 0)
				close(fd);
			return rc < 0 ? rc : fd;
		}
		at = (size_t)(name - walked) + strlen(name);
		int next = openat(fd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		int saved = errno;
		close(fd);
		if (next < 0 && saved == ENOENT)
			return -ENOENT;
		if (next < 0) {
			acrn_fail(error, 0, "%s: %.*s is not a directory to trust: %s", path,
				  (int)at, directory,
				  saved == ENOTDIR ? "not a directory, or a symbolic link"
						   : strerror(saved));
			return -saved;
		}
		fd = next;
	}
}

int acrn_trusted_read(const char *path, bool every_directory, char **text, size_t *length,
		      struct acrn_error *error)
{
	char directory[ACRN_PATH_MAX];
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	uid_t owner = every_directory ? 0 : getuid();
	*text = NULL;
	*length = 0;
	if (strlen(path) >= sizeof directory || !*name)
		return acrn_fail(error, 0, "%s: not a file name", path);
	if (!slash)
		snprintf(directory, sizeof directory, ".");
	else if (slash == path)
		snprintf(directory, sizeof directory, "/");
	else
		snprintf(directory, sizeof directory, "%.*s", (int)(slash - path), path);
	if (every_directory && path[0] != '/')
		return acrn_fail(error, 0, "%s: not an absolute path", path);
	int dir = open_directory(path, directory, every_directory, owner, error);
	if (dir < 0) {
		if (dir == -ENOENT)
			acrn_fail(error, 0, "%s: %s", path, strerror(ENOENT));
		return dir;
	}
	struct stat st;
	int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	int rc = fd < 0 ? -errno : 0;
	if (rc < 0) {
		bool present = fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
		close(dir);
		if (rc == -ELOOP && present && S_ISLNK(st.st_mode))
			return acrn_fail(error, 0,
					 "%s: not a site policy to trust: it is a symbolic "
					 "link",
					 path),
			       -ELOOP;
		if (present)
			acrn_fail(error, 0, "%s: cannot read it (mode %04o, owned by uid %u): %s",
				  path, (unsigned)(st.st_mode & 07777), (unsigned)st.st_uid,
				  strerror(-rc));
		else
			acrn_fail(error, 0, "%s: %s", path, strerror(-rc));
		return rc;
	}
	close(dir);
	if (fstat(fd, &st) < 0) {
		rc = -errno;
		close(fd);
		return acrn_fail(error, 0, "%s: %s", path, strerror(-rc)), rc;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return acrn_fail(error, 0,
				 "%s: not a site policy to trust: not a regular file (mode "
				 "%06o)",
				 path, (unsigned)st.st_mode),
		       -EINVAL;
	}
	if ((rc = check_owner(&st, owner, path, "it", error)) < 0 || st.st_size > TRUSTED_MAX) {
		close(fd);
		if (rc == 0)
			acrn_fail(error, 0, "%s: %lld bytes is too large for a site policy", path,
				  (long long)st.st_size);
		return rc < 0 ? rc : -EFBIG;
	}
	char *bytes = malloc((size_t)st.st_size + 1);
	size_t done = 0;
	ssize_t n = 0;
	while (bytes && done <= (size_t)st.st_size &&
	       ((n = read(fd, bytes + done, (size_t)st.st_size + 1 - done)) > 0 ||
		(n < 0 && errno == EINTR)))
		done += n > 0 ? (size_t)n : 0;
	rc = !bytes ? -ENOMEM : n < 0 ? -errno : done > (size_t)st.st_size ? -EFBIG : 0;
	close(fd);
	if (rc < 0) {
		free(bytes);
		return acrn_fail(error, 0, "%s: cannot read it: %s", path, strerror(-rc)), rc;
	}
	bytes[done] = '\0';
	*text = bytes;
	*length = done;
	return 0;
}
