/* SPDX-License-Identifier: Apache-2.0 */
/*
 * systemd's side channels, without libsystemd: the notify protocol (one
 * datagram of "KEY=VALUE" lines to the unix socket $NOTIFY_SOCKET names, a
 * path or, after '@', an abstract name) and $JOURNAL_STREAM ("DEVICE:INODE"
 * of the stream stdout or stderr is connected to when it goes to journald).
 * A host without systemd sets neither and needs nothing from here.
 */
#include "host.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

int acrn_notify_send(const char *address, const char *state, struct acrn_error *error)
{
	struct sockaddr_un to = {.sun_family = AF_UNIX};
	size_t length = strlen(address);
	if ((address[0] != '/' && address[0] != '@') || length < 2 ||
	    length >= sizeof to.sun_path) {
		acrn_fail(error, 0, "NOTIFY_SOCKET=%s is not a unix socket path or @name", address);
		return -EAFNOSUPPORT;
	}
	memcpy(to.sun_path, address, length);
	if (address[0] == '@')
		to.sun_path[0] = '\0'; /* abstract: the name has no NUL and no file */
	socklen_t size = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + length +
				     (address[0] == '/' ? 1 : 0));
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		int rc = -errno;
		acrn_fail(error, 0, "cannot make a socket for systemd: %s", strerror(errno));
		return rc;
	}
	int rc = 0;
	if (sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&to, size) < 0) {
		rc = -errno;
		acrn_fail(error, 0, "cannot tell systemd %s through %s: %s", state, address,
			  strerror(errno));
	}
	close(fd);
	return rc;
}

bool acrn_fd_is_journal(int fd, const char *journal_stream)
{
	unsigned long long device, inode;
	char extra;
	if (!journal_stream || sscanf(journal_stream, "%llu:%llu%c", &device, &inode, &extra) != 2)
		return false;
	struct stat status;
	if (fstat(fd, &status) < 0)
		return false;
	return (unsigned long long)status.st_dev == device &&
	       (unsigned long long)status.st_ino == inode;
}
