/* SPDX-License-Identifier: Apache-2.0 */
/* What a launch needs from the host's files, checked before anything runs:
 * acrn-dm executable, every file a field names as the field needs it. */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Fails for the path `named` with "OWNER: FIELD "PATH" WHY". */
static int refuse(struct acrn_error *error, const struct acrn_host_path *named, int rc,
		  const char *format, ...) __attribute__((format(printf, 4, 5)));
static int refuse(struct acrn_error *error, const struct acrn_host_path *named, int rc,
		  const char *format, ...)
{
	char why[256], shown[128];
	va_list args;
	va_start(args, format);
	vsnprintf(why, sizeof why, format, args);
	va_end(args);
	acrn_fail(error, named->device, "%s%s%s %s %s", named->owner, acrn_sep(named->owner),
		  named->field->name, acrn_describe(named->path, strlen(named->path), shown), why);
	error->option = named->option;
	return rc;
}

/* Checks that the directory a path goes into exists (acrn-dm makes the file
 * or socket, not the directory). */
static int directory_check(struct acrn_error *error, const struct acrn_host_path *named,
			   const char *what)
{
	char directory[ACRN_PATH_MAX];
	struct stat st;
	snprintf(directory, sizeof directory, "%s", named->path);
	char *slash = strrchr(directory, '/');
	if (!slash)
		snprintf(directory, sizeof directory, ".");
	else if (slash == directory)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (stat(directory, &st) < 0)
		return refuse(error, named, -errno, "cannot be made: its directory %s: %s",
			      directory, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return refuse(error, named, -ENOTDIR, "cannot be made: %s is not a directory",
			      directory);
	(void)what;
	return 0;
}

/* Checks the file a field names against what the field needs. */
static int file_check(void *context, const struct acrn_host_path *named)
{
	struct acrn_error *error = context;
	const struct acrn_field *field = named->field;
	const char *path = named->path;
	struct stat st;
	switch (named->need) {
	case ACRN_HOST_SOCKET_DIR:
		return directory_check(error, named, "socket");
	case ACRN_HOST_NEW_FILE:
		return directory_check(error, named, "file");
	case ACRN_HOST_UART:
		if (path[0] != '/') /* stdio, tcp:PORT, none */
			return 0;
		break;
	default:
		break;
	}
	if ((named->need == ACRN_HOST_UART || named->need == ACRN_HOST_TTY) && named->made_by_dm)
		return 0; /* the pty acrn-dm makes for pm_by_vuart or ioc_node */
	if (stat(path, &st) < 0 || access(path, R_OK) < 0)
		return refuse(error, named, -errno, "cannot be read: %s", strerror(errno));
	switch (named->need) {
	case ACRN_HOST_TTY:
	case ACRN_HOST_UART: {
		int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
		bool tty = fd >= 0 && isatty(fd);
		if (fd >= 0)
			close(fd);
		if (!tty)
			return refuse(error, named, -ENOTTY,
				      "is not a terminal device, as acrn-dm needs");
		return 0;
	}
	case ACRN_HOST_EVDEV:
		if (!S_ISCHR(st.st_mode))
			return refuse(error, named, -ENODEV,
				      "is not an input event device (a character device)");
		return 0;
	case ACRN_HOST_SOCKET:
		if (!S_ISSOCK(st.st_mode))
			return refuse(error, named, -ENOTSOCK,
				      "is not a unix socket for acrn-dm to connect to");
		return 0;
	default:
		break;
	}
	if (S_ISBLK(st.st_mode) && named->need == ACRN_HOST_DISK)
		return 0;
	if (!S_ISREG(st.st_mode))
		return refuse(error, named, -EINVAL, "is not a regular file");
	if (st.st_size == 0)
		return refuse(error, named, -EINVAL, "is empty");
	if (named->need == ACRN_HOST_DISK && st.st_size % 512)
		return refuse(error, named, -EINVAL,
			      "is %lld bytes, not a multiple of 512 as acrn-dm needs",
			      (long long)st.st_size);
	if (field->host_max_bytes && st.st_size > field->host_max_bytes)
		return refuse(error, named, -EINVAL, "is %lld bytes; acrn-dm takes at most %lld",
			      (long long)st.st_size, field->host_max_bytes);
	return 0;
}

int acrn_host_check(const struct acrn_vm *vm, const char *program, struct acrn_error *error)
{
	struct stat st;
	int rc;
	error->device = 0;
	if (stat(program, &st) < 0 || access(program, X_OK) < 0) {
		rc = -errno;
		acrn_fail(error, 0, "acrn-dm \"%s\" cannot be run: %s", program, strerror(errno));
		return rc;
	}
	if (!S_ISREG(st.st_mode)) {
		acrn_fail(error, 0, "acrn-dm \"%s\" cannot be run: %s", program, strerror(EACCES));
		return -EACCES;
	}
	return acrn_vm_host_paths(vm, file_check, error);
}

int acrn_read_text_file(const char *path, size_t max, char **text, size_t *length,
			struct acrn_error *error)
{
	struct stat status;
	char shown[128];
	acrn_describe(path, strlen(path), shown);
	/* O_NONBLOCK: opening a FIFO without a writer returns at once */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		int rc = -errno;
		acrn_fail(error, 0, "cannot read %s: %s", shown, strerror(-rc));
		return rc;
	}
	if (fstat(fd, &status) < 0 || !S_ISREG(status.st_mode)) {
		const char *kind = S_ISDIR(status.st_mode)    ? "a directory"
				   : S_ISFIFO(status.st_mode) ? "a FIFO"
				   : S_ISCHR(status.st_mode)  ? "a character device"
				   : S_ISBLK(status.st_mode)  ? "a block device"
				   : S_ISSOCK(status.st_mode) ? "a socket"
							      : "not a regular file";
		close(fd);
		acrn_fail(error, 0, "%s is %s, not a regular file", shown, kind);
		return -EINVAL;
	}
	if ((unsigned long long)status.st_size > max) {
		close(fd);
		acrn_fail(error, 0, "%s is %lld bytes; at most %zu are read", shown,
			  (long long)status.st_size, max);
		return -EFBIG;
	}
	char *buffer = malloc(max + 1);
	size_t used = 0;
	ssize_t n = 0;
	if (!buffer) {
		close(fd);
		return -ENOMEM;
	}
	/* the file may grow while it is read: read one byte past the limit */
	while (used <= max && (n = read(fd, buffer + used, max + 1 - used)) > 0)
		used += (size_t)n;
	int saved = errno;
	close(fd);
	if (n < 0 || used > max) {
		free(buffer);
		if (n < 0)
			acrn_fail(error, 0, "cannot read %s: %s", shown, strerror(saved));
		else
			acrn_fail(error, 0, "%s is more than %zu bytes", shown, max);
		return n < 0 ? -saved : -EFBIG;
	}
	buffer[used] = '\0';
	*text = buffer;
	*length = used;
	return 0;
}
