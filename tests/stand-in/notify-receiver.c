/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What systemd does with $NOTIFY_SOCKET, for the tests: binds a unix
 * datagram socket at ADDRESS (a path, or "@name" for an abstract one),
 * creates BOUND once it listens, and appends every datagram it receives to
 * LOG (each followed by "\n.\n") until one holds READY=1 or SECONDS pass.
 *
 *   notify-receiver ADDRESS LOG BOUND SECONDS
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: notify-receiver ADDRESS LOG BOUND SECONDS\n");
		return 2;
	}
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	size_t length = strlen(argv[1]);
	if (length >= sizeof address.sun_path)
		return 2;
	memcpy(address.sun_path, argv[1], length);
	socklen_t size = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + length);
	if (argv[1][0] == '@')
		address.sun_path[0] = '\0';
	else
		size++;
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&address, size) < 0) {
		fprintf(stderr, "notify-receiver: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	FILE *bound = fopen(argv[3], "w");
	if (!bound)
		return 1;
	fclose(bound);
	time_t until = time(NULL) + atoi(argv[4]);
	while (time(NULL) < until) {
		struct pollfd entry = {.fd = fd, .events = POLLIN};
		if (poll(&entry, 1, 200) <= 0)
			continue;
		char datagram[4096];
		ssize_t n = recv(fd, datagram, sizeof datagram - 1, 0);
		if (n < 0)
			continue;
		datagram[n] = '\0';
		FILE *log = fopen(argv[2], "a");
		if (!log)
			return 1;
		fprintf(log, "%s\n.\n", datagram);
		fclose(log);
		if (strstr(datagram, "READY=1"))
			break;
	}
	if (argv[1][0] != '@')
		unlink(argv[1]);
	return 0;
}
