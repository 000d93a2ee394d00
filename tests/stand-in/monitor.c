/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The monitor half of the stand-in acrn-dm (tests/stand-in/acrn-dm execs
 * it, so it runs with the pid acrn-launch recorded).  Like acrn-dm, it
 * serves a unix stream socket DIR/NAME.monitor.PID.socket (DIR from
 * $ACRN_DM_MONITOR, NAME its last argument) and answers DM_STOP: err 0 when
 * its arguments hold --pm_notify_channel, then, as a guest that powers off,
 * it exits 0 (unless $ACRN_DM_GUEST_IGNORES is set); err -1 without a
 * channel ("No handler", as acrn-dm prints).  SIGINT and SIGTERM keep
 * their inherited disposition (the shell stand-in may ignore SIGINT).
 *
 * The message is declared here as ACRN declares struct mngr_msg, so this
 * compiler's layout checks the byte offsets the launcher writes.
 *
 *   ACRN_DM_MONITOR=DIR          where to serve (required)
 *   ACRN_DM_MONITOR_PID=N        name the socket with N, not our pid (an
 *                                impostor serving another process's name)
 *   ACRN_DM_MONITOR_LOG=FILE     append one line per message received
 *   ACRN_DM_GUEST_IGNORES=1      answer 0 but keep running
 *   ACRN_DM_SLEEP=S              serve at most S seconds (default 60)
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

struct stand_in_message {
	unsigned long long magic;
	unsigned int msgid;
	unsigned long timestamp;
	union {
		char devargs[256];
		int err;
		struct {
			int force;
			unsigned timeout;
		} stop;
	} data;
};

_Static_assert(sizeof(struct stand_in_message) == 280, "struct mngr_msg is 280 bytes on x86-64");

#define MAGIC 0x67736d206d6d76ULL
#define DM_STOP 3

static void note(const char *line)
{
	const char *path = getenv("ACRN_DM_MONITOR_LOG");
	FILE *log = path ? fopen(path, "a") : NULL;
	if (!log)
		return;
	fprintf(log, "%s\n", line);
	fclose(log);
}

int main(int argc, char **argv)
{
	const char *directory = getenv("ACRN_DM_MONITOR");
	if (!directory || argc < 2) {
		fprintf(stderr, "stand-in monitor: ACRN_DM_MONITOR and a VM name are needed\n");
		return 70;
	}
	const char *name = argv[argc - 1];
	int channel = 0;
	for (int i = 1; i < argc; i++)
		channel |= strcmp(argv[i], "--pm_notify_channel") == 0;
	long pid = getenv("ACRN_DM_MONITOR_PID") ? atol(getenv("ACRN_DM_MONITOR_PID")) : getpid();
	int seconds = getenv("ACRN_DM_SLEEP") ? atoi(getenv("ACRN_DM_SLEEP")) : 60;

	struct sockaddr_un address = {.sun_family = AF_UNIX};
	char parents[sizeof address.sun_path];
	snprintf(parents, sizeof parents, "%s", directory);
	for (char *slash = strchr(parents + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(parents, 0755); /* as acrn-dm makes /run/acrn and /run/acrn/mngr */
		*slash = '/';
	}
	mkdir(parents, 0755);
	snprintf(address.sun_path, sizeof address.sun_path, "%s/%s.monitor.%ld.socket", directory,
		 name, pid);
	unlink(address.sun_path);
	int server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (server < 0 || bind(server, (struct sockaddr *)&address, sizeof address) < 0 ||
	    listen(server, 1) < 0) {
		fprintf(stderr, "stand-in monitor: %s: %s\n", address.sun_path, strerror(errno));
		return 71;
	}
	printf("vm_create: %s\n", name);
	fflush(stdout);
	time_t until = time(NULL) + seconds;
	int status = 0;
	while (time(NULL) < until) {
		struct pollfd entry = {.fd = server, .events = POLLIN};
		if (poll(&entry, 1, 200) <= 0)
			continue;
		int client = accept4(server, NULL, NULL, SOCK_CLOEXEC);
		if (client < 0)
			continue;
		struct stand_in_message message;
		size_t got = 0;
		while (got < sizeof message) {
			ssize_t n = read(client, (char *)&message + got, sizeof message - got);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		char line[64];
		if (got < sizeof message || message.magic != MAGIC) {
			snprintf(line, sizeof line, "bad message of %zu bytes", got);
			note(line);
			close(client);
			continue;
		}
		snprintf(line, sizeof line, "msgid %u force %d", message.msgid,
			 message.data.stop.force);
		note(line);
		struct stand_in_message ack = {.magic = MAGIC,
					       .msgid = message.msgid,
					       .timestamp = message.timestamp};
		int powering_off = 0;
		if (message.msgid != DM_STOP || !channel) {
			fprintf(stderr, "No handler for id:%u\n", message.msgid);
			ack.data.err = -1;
		} else {
			ack.data.err = 0;
			powering_off = !getenv("ACRN_DM_GUEST_IGNORES");
		}
		if (write(client, &ack, sizeof ack) != (ssize_t)sizeof ack)
			status = 72;
		close(client);
		if (powering_off) {
			printf("the guest powered off\n");
			break;
		}
	}
	close(server);
	unlink(address.sun_path);
	return status;
}
