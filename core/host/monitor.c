/* SPDX-License-Identifier: Apache-2.0 */
/*
 * acrn-dm's monitor: the unix stream socket every acrn-dm from 1.6 to 3.3
 * serves at /run/acrn/mngr/NAME.monitor.PID.socket, where acrnctl sends it
 * fixed-size messages (ACRN's struct mngr_msg) and reads one answer.  We
 * speak only DM_STOP with force 0: acrn-dm then asks the guest to power
 * off through its power management channel, and answers err 0, or err -1
 * when it has no channel (no --pm_notify_channel).  The message is written
 * field by field at the offsets each release's compiler gives the struct on
 * x86-64, so nothing here depends on how this compiler lays out a struct.
 * The socket is trusted only when its peer (SO_PEERCRED, taken when acrn-dm
 * called listen) is the acrn-dm the caller names.
 */
#include "host.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* "mngr msg" read as a little-endian 64-bit number */
#define MNGR_MSG_MAGIC 0x67736d206d6d76ULL
/* DM_STOP = MSG_MAX + 1 with MSG_MIN, MSG_STR, MSG_MAX = 0, 1, 2 */
#define DM_STOP 3

/* struct mngr_msg on x86-64, release by release: an unsigned long long
 * magic, an unsigned int msgid, an unsigned long timestamp (8-aligned), then
 * a union whose largest member is char devargs[PARAM_LEN = 256] in every
 * release (the other members, e.g. { char name[MAX_VMNAME_LEN]; time_t t; },
 * are 136 bytes in 1.x, where the name takes 128, and 24 from 2.x on, where
 * it takes 16).  DM_STOP's force is the union's first int. */
static const struct acrn_monitor_layout layouts[] = {
	{.first_major = 1, .size = 280, .magic = 0, .msgid = 8, .timestamp = 16, .data = 24},
	{.first_major = 2, .size = 280, .magic = 0, .msgid = 8, .timestamp = 16, .data = 24},
};

const struct acrn_monitor_layout *acrn_monitor_layout(int major)
{
	const struct acrn_monitor_layout *found = &layouts[0];
	for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
		if (major >= layouts[i].first_major)
			found = &layouts[i];
	return found;
}

static void put_u64(unsigned char *at, uint64_t value)
{
	for (int i = 0; i < 8; i++)
		at[i] = (unsigned char)(value >> (8 * i));
}

static void put_u32(unsigned char *at, uint32_t value)
{
	for (int i = 0; i < 4; i++)
		at[i] = (unsigned char)(value >> (8 * i));
}

static uint64_t get_u64(const unsigned char *at)
{
	uint64_t value = 0;
	for (int i = 7; i >= 0; i--)
		value = value << 8 | at[i];
	return value;
}

static uint32_t get_u32(const unsigned char *at)
{
	uint32_t value = 0;
	for (int i = 3; i >= 0; i--)
		value = value << 8 | at[i];
	return value;
}

size_t acrn_monitor_stop_message(const struct acrn_monitor_layout *layout, long long timestamp,
				 unsigned char *bytes, size_t size)
{
	if (size < layout->size)
		return 0;
	memset(bytes, 0, layout->size);
	put_u64(bytes + layout->magic, MNGR_MSG_MAGIC);
	put_u32(bytes + layout->msgid, DM_STOP);
	put_u64(bytes + layout->timestamp, (uint64_t)timestamp);
	put_u32(bytes + layout->data, 0); /* force: 0, ask the guest */
	return layout->size;
}

int acrn_monitor_read_answer(const struct acrn_monitor_layout *layout, const unsigned char *bytes,
			     size_t length, int *answer)
{
	if (length < layout->data + 4 || get_u64(bytes + layout->magic) != MNGR_MSG_MAGIC ||
	    get_u32(bytes + layout->msgid) != DM_STOP)
		return -EPROTO;
	*answer = (int)(int32_t)get_u32(bytes + layout->data);
	return 0;
}

int acrn_monitor_path(const char *directory, const char *name, pid_t pid, char *path, size_t size)
{
	int length = snprintf(path, size, "%s/%s.monitor.%ld.socket", directory, name, (long)pid);
	return length < 0 || (size_t)length >= size ? -ENAMETOOLONG : 0;
}

int acrn_monitor_stop(const char *directory, const char *name, pid_t pid, int major, int timeout_ms,
		      int *answer, struct acrn_error *error)
{
	const struct acrn_monitor_layout *layout = acrn_monitor_layout(major);
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	if (acrn_monitor_path(directory, name, pid, address.sun_path, sizeof address.sun_path) <
	    0) {
		acrn_fail(error, 0, "acrn-dm's monitor socket path under %s is too long",
			  directory);
		return -ENAMETOOLONG;
	}
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		int rc = -errno;
		acrn_fail(error, 0, "cannot make a socket: %s", strerror(errno));
		return rc;
	}
	/* a blocking socket with both timeouts: connect waits for room in the
	 * listen queue at most that long, and so do send and recv */
	struct timeval timeout = {.tv_sec = timeout_ms / 1000, .tv_usec = timeout_ms % 1000 * 1000};
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
	int rc = 0;
	if (connect(fd, (struct sockaddr *)&address, sizeof address) < 0) {
		rc = errno == EAGAIN || errno == EINPROGRESS ? -ETIMEDOUT : -errno;
		acrn_fail(error, 0, "cannot reach acrn-dm's monitor %s: %s", address.sun_path,
			  strerror(-rc));
		close(fd);
		return rc;
	}
	struct ucred peer;
	socklen_t peer_length = sizeof peer;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &peer_length) < 0) {
		rc = -errno;
		acrn_fail(error, 0, "cannot tell who serves %s: %s", address.sun_path,
			  strerror(errno));
		close(fd);
		return rc;
	}
	if (peer.pid != pid) {
		acrn_fail(error, 0,
			  "%s is served by process %ld, not by acrn-dm (pid %ld): not used",
			  address.sun_path, (long)peer.pid, (long)pid);
		close(fd);
		return -EPERM;
	}
	unsigned char message[512];
	size_t size = acrn_monitor_stop_message(layout, (long long)time(NULL), message,
						sizeof message);
	size_t sent = 0;
	while (rc == 0 && sent < size) {
		ssize_t n = send(fd, message + sent, size - sent, MSG_NOSIGNAL);
		if (n > 0)
			sent += (size_t)n;
		else if (n < 0 && errno != EINTR)
			rc = errno == EAGAIN ? -ETIMEDOUT : -errno;
	}
	size_t got = 0;
	while (rc == 0 && got < size) {
		ssize_t n = recv(fd, message + got, size - got, 0);
		if (n > 0)
			got += (size_t)n;
		else if (n == 0)
			break; /* closed: what came is all there is */
		else if (errno != EINTR)
			rc = errno == EAGAIN ? -ETIMEDOUT : -errno;
	}
	close(fd);
	if (rc < 0) {
		acrn_fail(error, 0, "acrn-dm's monitor %s did not answer DM_STOP: %s",
			  address.sun_path, strerror(-rc));
		return rc;
	}
	rc = acrn_monitor_read_answer(layout, message, got, answer);
	if (rc < 0)
		acrn_fail(error, 0,
			  "acrn-dm's monitor %s answered DM_STOP with %zu bytes that are "
			  "not its answer",
			  address.sun_path, got);
	return rc;
}
