/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host facts a recipe reads at launch (acrn.host_file): the first line of
 * the one file a pattern matches under ROOT/sys, as ACRN's launch scripts
 * read $(cat /sys/class/net/eth0/address) with a glob in it.  Only a world-readable regular
 * file, reached through links that stay beneath the root (on the host:
 * that lead into /sys), is read: what any user of the host may read,
 * nothing the launcher's privileges would reveal, nothing outside the tree
 * --root names.
 */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* `text` with the characters glob(3) treats specially escaped. */
static int escape_glob(const char *text, char *out, size_t size)
{
	size_t at = 0;
	for (; *text; text++) {
		if (at + 3 > size)
			return -ENAMETOOLONG;
		if (strchr("*?[]\\", *text))
			out[at++] = '\\';
		out[at++] = *text;
	}
	out[at] = '\0';
	return 0;
}

/* The one match of `pattern` under `root` into `found`. */
static int match_one(const char *root, const char *pattern, char *found, size_t size,
		     struct acrn_error *error)
{
	char full[ACRN_PATH_MAX * 2];
	if (escape_glob(root, full, sizeof full) < 0 ||
	    strlen(full) + strlen(pattern) + 1 > sizeof full)
		return acrn_fail(error, 0, "host_file %s: the path is too long", pattern);
	strcat(full, pattern);
	glob_t matches;
	int rc = glob(full, GLOB_NOSORT, NULL, &matches);
	if (rc == GLOB_NOMATCH || (rc == 0 && matches.gl_pathc == 0)) {
		if (rc == 0)
			globfree(&matches);
		return acrn_fail(error, 0, "host_file %s: no file matches it under %s", pattern,
				 root[0] ? root : "/");
	}
	if (rc != 0)
		return acrn_fail(error, 0, "host_file %s: cannot list %s", pattern,
				 root[0] ? root : "/");
	if (matches.gl_pathc > 1) {
		size_t count = matches.gl_pathc;
		globfree(&matches);
		return acrn_fail(error, 0,
				 "host_file %s: %zu files match it under %s; the pattern must name "
				 "one",
				 pattern, count, root[0] ? root : "/");
	}
	snprintf(found, size, "%s", matches.gl_pathv[0]);
	globfree(&matches);
	return 0;
}

int acrn_host_file_read(const char *root, const char *pattern, char *text, size_t size,
			struct acrn_error *error)
{
	const char *base = root && strcmp(root, "/") != 0 ? root : "";
	char found[ACRN_PATH_MAX], real[PATH_MAX];
	if (strncmp(pattern, "/sys/", 5) != 0 || strstr(pattern, "/../") || strstr(pattern, "/./"))
		return acrn_fail(error, 0, "host_file %s: only files under /sys are host facts",
				 pattern);
	int rc = match_one(base, pattern, found, sizeof found, error);
	if (rc < 0)
		return rc;
	/* on the host, what the links lead to is still sysfs; under a root,
	 * every link is resolved beneath it */
	if (!base[0] && (!realpath(found, real) || strncmp(real, "/sys/", 5) != 0))
		return acrn_fail(error, 0, "host_file %s: %s does not lead to a file under /sys",
				 pattern, found);
	int fd = acrn_open_beneath(root, found + strlen(base), O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return acrn_fail(error, 0, "host_file %s: cannot open %s%s: %s", pattern, found,
				 fd == -EXDEV ? " beneath the root" : "", strerror(-fd));
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || !(st.st_mode & S_IROTH)) {
		close(fd);
		return acrn_fail(error, 0,
				 "host_file %s: %s is not a regular file every user may read",
				 pattern, found);
	}
	ssize_t length = read(fd, text, size - 1);
	int saved = errno;
	close(fd);
	if (length < 0)
		return acrn_fail(error, 0, "host_file %s: cannot read %s: %s", pattern, found,
				 strerror(saved));
	text[length] = '\0';
	text[strcspn(text, "\n")] = '\0';
	for (const char *c = text; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return acrn_fail(error, 0, "host_file %s: %s holds a control character",
					 pattern, found);
	return 0;
}
