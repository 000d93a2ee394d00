/* SPDX-License-Identifier: Apache-2.0 */
/* One VM, one name: a lock file per VM name, held with flock so that a
 * crash releases it; the file holds the running VM's state. */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir -p for `directory`: its parents 0755, itself 0700 (the run
 * directory is the launcher's alone).  Then it must be a directory, not a
 * link, and this user's: what others could write there (locks to hold,
 * records to be undone) is refused; one that was left open is closed to
 * others.  0, or a negative errno with `error`. */
static int make_directory(const char *directory, struct acrn_error *error)
{
	char path[ACRN_PATH_MAX];
	snprintf(path, sizeof path, "%s", directory);
	for (char *slash = strchr(path + 1, '/');; slash = strchr(slash + 1, '/')) {
		if (slash)
			*slash = '\0';
		if (mkdir(path, slash ? 0755 : 0700) < 0 && errno != EEXIST) {
			int rc = -errno;
			acrn_fail(error, 0, "cannot make %s: %s", path, strerror(errno));
			return rc;
		}
		if (!slash)
			break;
		*slash = '/';
	}
	struct stat st;
	int fd = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int rc = fd < 0 || fstat(fd, &st) < 0 ? -errno : 0;
	if (rc == 0 && st.st_uid != geteuid())
		rc = -EPERM;
	if (rc == 0 && (st.st_mode & 077) && fchmod(fd, 0700) < 0)
		rc = -errno;
	if (fd >= 0)
		close(fd);
	if (rc == -EPERM)
		acrn_fail(error, 0,
			  "the run directory %s is owned by uid %u, not by this user (uid %u): "
			  "refusing what others could have put there",
			  directory, (unsigned)st.st_uid, (unsigned)geteuid());
	else if (rc < 0)
		acrn_fail(error, 0, "the run directory %s: %s", directory,
			  rc == -ELOOP || rc == -ENOTDIR ? "not a directory (or a symbolic link)"
							 : strerror(-rc));
	return rc;
}

int acrn_lock_take(const char *directory, const char *name, int *fd, struct acrn_error *error)
{
	char path[ACRN_PATH_MAX];
	int rc = make_directory(directory, error);
	if (rc < 0)
		return rc;
	snprintf(path, sizeof path, "%s/%s.lock", directory, name);
	for (;;) {
		int lock = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (lock < 0) {
			rc = -errno;
			acrn_fail(error, 0, "cannot open %s: %s", path, strerror(errno));
			return rc;
		}
		if (flock(lock, LOCK_EX | LOCK_NB) < 0) {
			rc = errno == EWOULDBLOCK ? -EBUSY : -errno;
			close(lock);
			if (rc == -EBUSY)
				acrn_fail(error, 0,
					  "a VM named %s is already running (%s is locked)", name,
					  path);
			else
				acrn_fail(error, 0, "cannot lock %s: %s", path, strerror(-rc));
			return rc;
		}
		/* a stale file may have been removed while we opened it: the
		 * lock must be on the file that is at the path now; and it is
		 * a file of this user's that only this user reads */
		struct stat held, current;
		if (fstat(lock, &held) == 0 && stat(path, &current) == 0 &&
		    held.st_ino == current.st_ino && held.st_dev == current.st_dev) {
			if (!S_ISREG(held.st_mode) || held.st_uid != geteuid()) {
				close(lock);
				acrn_fail(error, 0, "%s is not a lock file of this user's", path);
				return -EPERM;
			}
			if ((held.st_mode & 077) && fchmod(lock, 0600) < 0) {
				rc = -errno;
				close(lock);
				acrn_fail(error, 0, "cannot lock %s: %s", path, strerror(-rc));
				return rc;
			}
			*fd = lock;
			return 0;
		}
		close(lock);
	}
}

int acrn_lock_write(int fd, const char *text, size_t length)
{
	if (ftruncate(fd, 0) < 0)
		return -errno;
	size_t done = 0;
	while (done < length) {
		ssize_t n = pwrite(fd, text + done, length - done, (off_t)done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		done += (size_t)n;
	}
	return 0;
}

int acrn_lock_held(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int held = flock(fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK;
	close(fd);
	return held;
}

int acrn_lock_clean(const char *path)
{
	int fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int rc = errno == EWOULDBLOCK ? 0 : -errno;
		close(fd);
		return rc;
	}
	int rc = unlink(path) < 0 ? -errno : 1;
	close(fd);
	return rc;
}
