/* SPDX-License-Identifier: Apache-2.0 */
/* acrn-dm's monitor (core/host/monitor.c): DM_STOP's bytes as each release
 * reads them, its answer, a real exchange over a unix socket served by a
 * child process, and a socket whose server is not the pid asked for; and
 * systemd's notify datagram and journal stream (notify.c). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "host.h"

/* DM_STOP for every release: 280 bytes; "vmm msg" then NUL (the magic read
 * little-endian), msgid 3 at 8, the timestamp at 16, force 0 at 24. */
static void stop_message(void **state)
{
	(void)state;
	for (int major = 1; major <= 3; major++) {
		const struct acrn_monitor_layout *layout = acrn_monitor_layout(major);
		unsigned char bytes[512];
		memset(bytes, 0xAA, sizeof bytes);
		assert_int_equal(acrn_monitor_stop_message(layout, 0x0102030405LL, bytes,
							   sizeof bytes),
				 280);
		assert_memory_equal(bytes, "vmm msg\0", 8);
		assert_memory_equal(bytes + 8, "\3\0\0\0", 4);
		assert_memory_equal(bytes + 16, "\5\4\3\2\1\0\0\0", 8);
		for (size_t i = 24; i < 280; i++)
			assert_int_equal(bytes[i], 0);
		assert_int_equal(bytes[280], 0xAA);
		assert_int_equal(acrn_monitor_stop_message(layout, 0, bytes, 279), 0);
	}
}

/* The answer: err as a signed int at the union; anything else refused. */
static void answer(void **state)
{
	(void)state;
	const struct acrn_monitor_layout *layout = acrn_monitor_layout(3);
	unsigned char bytes[280];
	int err = 42;
	acrn_monitor_stop_message(layout, 7, bytes, sizeof bytes);
	memcpy(bytes + 24, "\xff\xff\xff\xff", 4);
	assert_int_equal(acrn_monitor_read_answer(layout, bytes, sizeof bytes, &err), 0);
	assert_int_equal(err, -1);
	memcpy(bytes + 24, "\0\0\0\0", 4);
	assert_int_equal(acrn_monitor_read_answer(layout, bytes, sizeof bytes, &err), 0);
	assert_int_equal(err, 0);
	assert_int_equal(acrn_monitor_read_answer(layout, bytes, 20, &err), -EPROTO);
	bytes[0] ^= 1;
	assert_int_equal(acrn_monitor_read_answer(layout, bytes, sizeof bytes, &err), -EPROTO);
}

/* A child serves DIR/vm1.monitor.PID.socket with its own pid (or `named`),
 * reads one message, writes it to `seen` and answers err `reply`. */
static pid_t serve(const char *directory, pid_t named, int reply, const char *seen, int ready[2])
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid > 0)
		return pid;
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	acrn_monitor_path(directory, "vm1", named ? named : getpid(), address.sun_path,
			  sizeof address.sun_path);
	int server = socket(AF_UNIX, SOCK_STREAM, 0);
	if (bind(server, (struct sockaddr *)&address, sizeof address) < 0 || listen(server, 1) < 0)
		_exit(1);
	if (write(ready[1], "x", 1) != 1)
		_exit(1);
	int client = accept(server, NULL, NULL);
	unsigned char message[280];
	size_t got = 0;
	ssize_t n;
	while (got < sizeof message && (n = read(client, message + got, sizeof message - got)) > 0)
		got += (size_t)n;
	FILE *file = fopen(seen, "w");
	fprintf(file, "%zu", got);
	fclose(file);
	if (got == sizeof message) {
		memcpy(message + 24, &reply, sizeof reply);
		if (write(client, message, sizeof message) != (ssize_t)sizeof message)
			_exit(1);
	}
	close(client);
	_exit(0);
}

static void read_text(const char *path, char *text, size_t size)
{
	FILE *file = fopen(path, "r");
	assert_non_null(file);
	size_t n = fread(text, 1, size - 1, file);
	text[n] = '\0';
	fclose(file);
}

static void exchange(void **state)
{
	(void)state;
	char directory[] = "/tmp/acrn-monitor-XXXXXX", seen[64], text[32];
	assert_non_null(mkdtemp(directory));
	snprintf(seen, sizeof seen, "%s/seen", directory);
	struct acrn_error error;
	int ready[2], status, err = 42;
	char byte;

	/* acrn-dm with a channel answers 0, without one -1 */
	for (int reply = 0; reply >= -1; reply--) {
		assert_int_equal(pipe(ready), 0);
		pid_t pid = serve(directory, 0, reply, seen, ready);
		assert_int_equal(read(ready[0], &byte, 1), 1);
		assert_int_equal(acrn_monitor_stop(directory, "vm1", pid, 3, 5000, &err, &error),
				 0);
		assert_int_equal(err, reply);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		read_text(seen, text, sizeof text);
		assert_string_equal(text, "280");
		close(ready[0]);
		close(ready[1]);
	}

	/* a socket that names pid 1 but is served by the child: nothing sent */
	assert_int_equal(pipe(ready), 0);
	pid_t pid = serve(directory, 1, 0, seen, ready);
	assert_int_equal(read(ready[0], &byte, 1), 1);
	assert_int_equal(acrn_monitor_stop(directory, "vm1", 1, 3, 5000, &err, &error), -EPERM);
	assert_non_null(strstr(error.message, "not by acrn-dm (pid 1)"));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	read_text(seen, text, sizeof text);
	assert_string_equal(text, "0");
	close(ready[0]);
	close(ready[1]);

	/* no socket at all */
	assert_int_equal(acrn_monitor_stop(directory, "vm2", getpid(), 3, 5000, &err, &error),
			 -ENOENT);
	assert_non_null(strstr(error.message, "cannot reach acrn-dm's monitor"));
	char command[128];
	snprintf(command, sizeof command, "rm -rf %s", directory);
	assert_int_equal(system(command), 0);
}

/* READY=1 reaches a datagram socket named by a path and by an abstract
 * name; anything else is refused. */
static void notify(void **state)
{
	(void)state;
	char directory[] = "/tmp/acrn-notify-XXXXXX", address[128], received[64];
	assert_non_null(mkdtemp(directory));
	struct acrn_error error;
	snprintf(address, sizeof address, "%s/notify", directory);
	char abstract[64];
	snprintf(abstract, sizeof abstract, "@acrn-test-notify-%ld", (long)getpid());
	const char *addresses[] = {address, abstract};
	for (size_t i = 0; i < 2; i++) {
		struct sockaddr_un bound = {.sun_family = AF_UNIX};
		socklen_t size = sizeof bound;
		snprintf(bound.sun_path, sizeof bound.sun_path, "%s", addresses[i]);
		if (addresses[i][0] == '@') {
			bound.sun_path[0] = '\0';
			size = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
					   strlen(addresses[i]));
		}
		int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
		assert_int_equal(bind(fd, (struct sockaddr *)&bound, size), 0);
		assert_int_equal(acrn_notify_send(addresses[i], "READY=1", &error), 0);
		ssize_t n = recv(fd, received, sizeof received - 1, 0);
		assert_int_equal(n, 7);
		received[n] = '\0';
		assert_string_equal(received, "READY=1");
		close(fd);
	}
	unlink(address);
	rmdir(directory);
	assert_int_equal(acrn_notify_send("vsock:2:9", "READY=1", &error), -EAFNOSUPPORT);
	assert_int_equal(acrn_notify_send(address, "READY=1", &error), -ENOENT);
}

/* $JOURNAL_STREAM names stderr only when device and inode match. */
static void journal(void **state)
{
	(void)state;
	struct stat status;
	assert_int_equal(fstat(2, &status), 0);
	char value[64];
	snprintf(value, sizeof value, "%llu:%llu", (unsigned long long)status.st_dev,
		 (unsigned long long)status.st_ino);
	assert_true(acrn_fd_is_journal(2, value));
	snprintf(value, sizeof value, "%llu:%llu", (unsigned long long)status.st_dev,
		 (unsigned long long)status.st_ino + 1);
	assert_false(acrn_fd_is_journal(2, value));
	assert_false(acrn_fd_is_journal(2, NULL));
	assert_false(acrn_fd_is_journal(2, "garbage"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stop_message), cmocka_unit_test(answer),
		cmocka_unit_test(exchange),     cmocka_unit_test(notify),
		cmocka_unit_test(journal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
