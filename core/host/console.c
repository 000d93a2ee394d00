/* SPDX-License-Identifier: Apache-2.0 */
/* Attaching a terminal to a VM's console: a unix socket or a tty, relayed
 * byte for byte with the terminal in raw mode, until an escape byte. */
#include "host.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

static int open_console(const char *path, bool socket_kind, struct acrn_error *error)
{
	int fd;
	if (socket_kind) {
		struct sockaddr_un address = {.sun_family = AF_UNIX};
		if (strlen(path) >= sizeof address.sun_path)
			return acrn_fail(error, 0, "socket path %s is too long", path);
		strcpy(address.sun_path, path);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&address, sizeof address) < 0) {
			int saved = errno;
			close(fd);
			errno = saved;
			fd = -1;
		}
	} else {
		fd = open(path, O_RDWR | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0) {
		int rc = -errno;
		acrn_fail(error, 0, "cannot open the console %s: %s", path, strerror(errno));
		return rc;
	}
	if (!socket_kind && !isatty(fd)) { /* keystrokes go to a terminal, never a file */
		close(fd);
		return acrn_fail(error, 0, "the console %s is not a terminal", path), -ENOTTY;
	}
	return fd;
}

/* Copies what is readable on `from` to `to`; 0 at the end of input. */
static ssize_t relay(int from, int to, unsigned char escape, bool *escaped)
{
	unsigned char buffer[4096];
	ssize_t n = read(from, buffer, sizeof buffer);
	if (n <= 0)
		return n;
	size_t length = (size_t)n;
	if (escape) {
		unsigned char *at = memchr(buffer, escape, length);
		if (at) {
			length = (size_t)(at - buffer);
			*escaped = true;
		}
	}
	for (size_t done = 0; done < length;) {
		ssize_t w = write(to, buffer + done, length - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		done += (size_t)w;
	}
	return n;
}

int acrn_console_attach(const char *path, bool socket_kind, unsigned char escape,
			struct acrn_error *error)
{
	int console = open_console(path, socket_kind, error);
	if (console < 0)
		return console;
	struct termios saved, raw;
	bool terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
	if (terminal) {
		raw = saved;
		cfmakeraw(&raw);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	bool escaped = false;
	int rc = 0;
	while (!escaped) {
		struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
					{.fd = console, .events = POLLIN}};
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			break;
		}
		if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t n = relay(console, STDOUT_FILENO, 0, &escaped);
			if (n <= 0)
				break; /* the console closed */
		}
		if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t n = relay(STDIN_FILENO, console, escape, &escaped);
			if (n <= 0)
				break;
		}
	}
	if (terminal)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	close(console);
	if (rc < 0)
		acrn_fail(error, 0, "console %s: %s", path, strerror(-rc));
	return rc;
}

int acrn_pty_paths(const char *root, pid_t pid, char *buffer, size_t size)
{
	char directory[ACRN_PATH_MAX], path[ACRN_PATH_MAX + 300], line[256];
	int found = 0;
	size_t at = 0;
	snprintf(directory, sizeof directory, "%s/proc/%d/fdinfo", root ? root : "", (int)pid);
	DIR *dir = opendir(directory);
	if (!dir)
		return -errno;
	buffer[0] = '\0';
	for (struct dirent *entry; (entry = readdir(dir));) {
		if (entry->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", directory, entry->d_name);
		FILE *file = fopen(path, "re");
		if (!file)
			continue;
		while (fgets(line, sizeof line, file)) {
			unsigned index;
			if (sscanf(line, "tty-index: %u", &index) == 1 &&
			    acrn_appendf(buffer, size, &at, "/dev/pts/%u\n", index) == 0)
				found++;
		}
		fclose(file);
	}
	closedir(dir);
	return found;
}

/* ---- what the VM holds ---------------------------------------------------- */

/* Adds `pid` and every process descended from it (by /proc's parent
 * links) to `pids` (room for `max`); returns how many there are. */
static size_t family(pid_t pid, pid_t *pids, size_t max)
{
	size_t count = 0;
	pids[count++] = pid;
	for (size_t known = 0; known < count; known++) {
		DIR *proc = opendir("/proc");
		if (!proc)
			break;
		for (struct dirent *entry; (entry = readdir(proc)) && count < max;) {
			char path[64], stat[512];
			long child = strtol(entry->d_name, NULL, 10);
			if (child <= 0)
				continue;
			snprintf(path, sizeof path, "/proc/%ld/stat", child);
			int fd = open(path, O_RDONLY | O_CLOEXEC);
			ssize_t n = fd < 0 ? -1 : read(fd, stat, sizeof stat - 1);
			if (fd >= 0)
				close(fd);
			if (n <= 0)
				continue;
			stat[n] = '\0';
			const char *after = strrchr(stat, ')');
			long parent;
			if (after && sscanf(after, ") %*c %ld", &parent) == 1 &&
			    parent == pids[known])
				pids[count++] = (pid_t)child;
		}
		closedir(proc);
	}
	return count;
}

/* Whether a descriptor of process `pid` is the file `target` (same device
 * and inode; for a socket: the socket whose inode is `target->st_ino`). */
static bool holds(pid_t pid, const struct stat *target, bool socket_inode)
{
	char directory[64], path[64 + 256];
	bool found = false;
	snprintf(directory, sizeof directory, "/proc/%ld/fd", (long)pid);
	DIR *dir = opendir(directory);
	if (!dir)
		return false;
	for (struct dirent *entry; !found && (entry = readdir(dir));) {
		struct stat st;
		if (entry->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", directory, entry->d_name);
		if (stat(path, &st) < 0)
			continue;
		if (socket_inode)
			found = S_ISSOCK(st.st_mode) && st.st_ino == target->st_ino;
		else
			found = S_ISCHR(st.st_mode) && st.st_rdev == target->st_rdev;
	}
	closedir(dir);
	return found;
}

/* The inode of the listening unix socket bound to `path` (/proc/net/unix),
 * or 0. */
static unsigned long socket_inode(const char *path)
{
	char line[ACRN_PATH_MAX + 128];
	unsigned long found = 0;
	FILE *table = fopen("/proc/net/unix", "re");
	if (!table)
		return 0;
	while (!found && fgets(line, sizeof line, table)) {
		unsigned long inode;
		unsigned flags;
		int at = 0;
		line[strcspn(line, "\n")] = '\0';
		/* Num RefCount Protocol Flags Type St Inode Path */
		if (sscanf(line, "%*s %*s %*s %x %*s %*s %lu %n", &flags, &inode, &at) >= 2 && at &&
		    (flags & 0x10000) /* __SO_ACCEPTCON: listening */ &&
		    strcmp(line + at, path) == 0)
			found = inode;
	}
	fclose(table);
	return found;
}

#define FAMILY_MAX 64

int acrn_console_held(pid_t pid, const char *path, bool socket_kind, struct acrn_error *error)
{
	struct stat target;
	pid_t pids[FAMILY_MAX];
	if (lstat(path, &target) < 0) {
		int rc = -errno;
		acrn_fail(error, 0, "the console %s: %s", path, strerror(-rc));
		return rc;
	}
	if (socket_kind ? !S_ISSOCK(target.st_mode) : !S_ISCHR(target.st_mode))
		return acrn_fail(error, 0, "the console %s is not a %s", path,
				 socket_kind ? "unix socket" : "terminal device"),
		       socket_kind ? -ENOTSOCK : -ENOTTY;
	if (socket_kind) {
		unsigned long inode = socket_inode(path);
		if (!inode)
			return acrn_fail(error, 0, "nothing listens on the console socket %s",
					 path),
			       -ECONNREFUSED;
		target.st_ino = (ino_t)inode;
	}
	size_t count = family(pid, pids, FAMILY_MAX);
	for (size_t i = 0; i < count; i++)
		if (holds(pids[i], &target, socket_kind))
			return 0;
	return acrn_fail(error, 0, "the console %s is not held by the VM's acrn-dm (pid %ld)", path,
			 (long)pid),
	       -EPERM;
}
