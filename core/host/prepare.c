/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Preparing the host for a VM, the way ACRN's launch scripts do before
 * acrn-dm runs (acrn-dm.md, "Around acrn-dm"): take CPUs from the Service
 * VM for a real-time VM, bind passthrough devices to pci-stub, create taps
 * and put them on a bridge.  Every step records how to undo it; a step that
 * fails undoes the ones done, in reverse.  Every sysfs and procfs path is
 * taken under a root, so tests give a tree of their own.
 */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <linux/if_tun.h>
#include <linux/sockios.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define OFFLINE_TRIES 100 /* ACRN's scripts retry until the CPU is offline */

static void sleep_ms(long ms)
{
	struct timespec wait = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};
	while (nanosleep(&wait, &wait) < 0 && errno == EINTR)
		;
}

static bool real_root(const char *root)
{
	return !root || !*root || strcmp(root, "/") == 0;
}

/* ROOT/PATH as a person reads it, for messages. */
static const char *shown(const char *root, const char *path, char buffer[ACRN_PATH_MAX])
{
	snprintf(buffer, ACRN_PATH_MAX, "%s%s", real_root(root) ? "" : root, path);
	return buffer;
}

/* Writes `text` and a newline to the file at ROOT/PATH (a sysfs
 * attribute), as `echo TEXT > PATH` does, but resolved beneath the root
 * and never truncating what a link leads to: under a root, a regular file
 * must have no other hard link, and is cut to what was written after.
 * 0 or -errno (-EMLINK: a hard link). */
static int write_file(const char *root, const char *path, const char *text)
{
	char line[128];
	int length = snprintf(line, sizeof line, "%s\n", text);
	int fd = acrn_open_beneath(root, path, O_WRONLY | O_NOCTTY);
	if (fd < 0)
		return fd;
	struct stat st;
	int rc = fstat(fd, &st) < 0 ? -errno : 0;
	bool regular = rc == 0 && S_ISREG(st.st_mode) && !real_root(root);
	if (regular && st.st_nlink != 1)
		rc = -EMLINK;
	ssize_t n = rc == 0 ? write(fd, line, (size_t)length) : 0;
	if (rc == 0 && n < 0)
		rc = -errno;
	if (rc == 0 && regular && ftruncate(fd, n) < 0)
		rc = -errno;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	return rc;
}

/* Reads the first line of the file at ROOT/PATH, without its newline. */
static int read_line(const char *root, const char *path, char *buffer, size_t size)
{
	int fd = acrn_open_beneath(root, path, O_RDONLY | O_NOCTTY);
	if (fd < 0)
		return fd;
	ssize_t n;
	while ((n = read(fd, buffer, size - 1)) < 0 && errno == EINTR)
		;
	int rc = n < 0 ? -errno : 0;
	close(fd);
	buffer[n > 0 ? n : 0] = '\0';
	buffer[strcspn(buffer, "\n")] = '\0';
	return rc;
}

/* What a state file says, for a message: a short number as it is, never
 * other bytes (a link in a tree could lead anywhere). */
static const char *state_text(const char *state)
{
	size_t digits = strspn(state, "0123456789");
	return digits > 0 && digits <= 3 && state[digits] == '\0' ? state
								  : "something other than 0 or 1";
}

/* Where the steps are written down before and after each one acts. */
struct journal {
	acrn_journal_fn *write;
	void *context;
	const struct acrn_step *steps;
	size_t count;
	struct acrn_error *error;
};

static int record(const struct journal *journal)
{
	int rc = journal->write ? journal->write(journal->context, journal->steps, journal->count)
				: 0;
	if (rc < 0)
		acrn_fail(journal->error, 0, "cannot write down the host steps: %s", strerror(-rc));
	return rc;
}

/* Marks `step` begun, with what undoing it takes, and writes that down
 * before the step acts. */
static int begin(const struct journal *journal, struct acrn_step *step, const char *undo)
{
	snprintf(step->undo, sizeof step->undo, "%s", undo);
	step->state = ACRN_STEP_STARTED;
	return record(journal);
}

static int step_fail(struct acrn_error *error, const struct acrn_step *step, const char *what,
		     const char *path, int rc)
{
	const char *why = rc == -EXDEV    ? "a link there leads out of the root"
			  : rc == -EMLINK ? "it is a hard link to a file elsewhere"
					  : strerror(-rc);
	acrn_fail(error, 0, "%s %s: %s %s: %s", acrn_step_name(step->kind), step->object, what,
		  path, why);
	return rc;
}

/* ---- CPUs -------------------------------------------------------------- */

static const char *cpu_online_path(const struct acrn_step *step, char *path)
{
	snprintf(path, ACRN_PATH_MAX, "/sys/devices/system/cpu/cpu%s/online", step->object);
	return path;
}

static int offline_cpu_check(const char *root, const struct acrn_step *step,
			     struct acrn_error *error)
{
	char path[ACRN_PATH_MAX], state[16], where[ACRN_PATH_MAX];
	if (!step->object[0])
		return acrn_fail(error, 0,
				 "offline-cpu: LAPIC id %s is mapped to no CPU: the plan was built "
				 "without host facts",
				 step->detail);
	if (strcmp(step->object, "0") == 0)
		return acrn_fail(error, 0, "offline-cpu 0: CPU 0 stays with the Service VM");
	cpu_online_path(step, path);
	int rc = read_line(root, path, state, sizeof state);
	if (rc < 0)
		return step_fail(error, step, "cannot read", shown(root, path, where), rc);
	if (strcmp(state, "1") != 0)
		return acrn_fail(error, 0, "offline-cpu %s: the CPU is not online (%s says %s)",
				 step->object, shown(root, path, where), state_text(state));
	return 0;
}

/* Takes the CPU offline, retrying until it reads 0, then hands it to the
 * hypervisor (3.x: acrn_hsm/remove_cpu; older: acrn_vhm/offline_cpu). */
static int offline_cpu_run(const char *root, struct acrn_step *step, const struct journal *journal,
			   struct acrn_error *error)
{
	char path[ACRN_PATH_MAX], state[16], where[ACRN_PATH_MAX];
	const char *hand_over = "/sys/devices/virtual/misc/acrn_hsm/remove_cpu";
	struct stat st;
	int rc = offline_cpu_check(root, step, error);
	if (rc < 0)
		return rc;
	cpu_online_path(step, path);
	if ((rc = begin(journal, step, "online")) < 0)
		return rc;
	for (int try = 0;; try++) {
		rc = write_file(root, path, "0");
		if (rc < 0 && rc != -EBUSY)
			return step_fail(error, step, "cannot write 0 to", shown(root, path, where),
					 rc);
		if (read_line(root, path, state, sizeof state) == 0 && strcmp(state, "0") == 0)
			break;
		if (try == OFFLINE_TRIES)
			return acrn_fail(error, 0,
					 "offline-cpu %s: the CPU did not go offline after %d tries "
					 "(%s says %s): %s",
					 step->object, OFFLINE_TRIES, shown(root, path, where),
					 state_text(state), strerror(rc < 0 ? -rc : EBUSY));
		sleep_ms(10);
	}
	if (acrn_stat_beneath(root, hand_over, &st) < 0)
		hand_over = "/sys/class/vhm/acrn_vhm/offline_cpu";
	rc = write_file(root, hand_over, step->object);
	if (rc < 0)
		return step_fail(error, step, "cannot hand the CPU over through",
				 shown(root, hand_over, where), rc);
	return 0;
}

static int offline_cpu_undo(const char *root, const struct acrn_step *step,
			    struct acrn_error *error)
{
	char path[ACRN_PATH_MAX], where[ACRN_PATH_MAX];
	int rc = write_file(root, cpu_online_path(step, path), "1");
	return rc < 0 ? step_fail(error, step, "cannot write 1 to", shown(root, path, where), rc)
		      : 0;
}

/* ---- PCI devices -------------------------------------------------------- */

static const char *device_path(const struct acrn_step *step, const char *attribute, char *path)
{
	snprintf(path, ACRN_PATH_MAX, "/sys/bus/pci/devices/%s%s%s", step->object,
		 attribute ? "/" : "", attribute ? attribute : "");
	return path;
}

static const char *driver_path(const char *driver, const char *attribute, char *path)
{
	snprintf(path, ACRN_PATH_MAX, "/sys/bus/pci/drivers/%s/%s", driver, attribute);
	return path;
}

/* The name of the driver the device is bound to ("" for none). */
static int current_driver(const char *root, const struct acrn_step *step, char *name, size_t size)
{
	char path[ACRN_PATH_MAX], target[ACRN_PATH_MAX];
	ssize_t n = acrn_readlink_beneath(root, device_path(step, "driver", path), target,
					  sizeof target);
	if (n < 0) {
		name[0] = '\0';
		return n == -ENOENT ? 0 : (int)n;
	}
	const char *slash = strrchr(target, '/');
	const char *driver = slash ? slash + 1 : target;
	/* it names a directory of /sys/bus/pci/drivers: nothing else will do */
	if (strlen(driver) >= size || !*driver ||
	    driver[strspn(driver,
			  "abcdefghijklmnopqrstuvwxyz"
			  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			  "0123456789_-.")] != '\0' ||
	    strcmp(driver, ".") == 0 || strcmp(driver, "..") == 0)
		return -EINVAL;
	memcpy(name, driver, strlen(driver) + 1);
	return 0;
}

static int bind_check(const char *root, const struct acrn_step *step, struct acrn_error *error)
{
	char path[ACRN_PATH_MAX], where[ACRN_PATH_MAX];
	struct stat st;
	int rc = acrn_stat_beneath(root, device_path(step, NULL, path), &st);
	if (rc < 0)
		return step_fail(error, step, "no such device:", shown(root, path, where), rc);
	return 0;
}

/* Reads a PCI id ("0x8086") from the device's `attribute`, into `id`
 * without its 0x; anything else is refused, never shown. */
static int read_id(const char *root, const struct acrn_step *step, const char *attribute,
		   char id[8], struct acrn_error *error)
{
	char path[ACRN_PATH_MAX], text[16], where[ACRN_PATH_MAX];
	int rc = read_line(root, device_path(step, attribute, path), text, sizeof text);
	if (rc < 0)
		return step_fail(error, step, "cannot read", shown(root, path, where), rc);
	const char *digits = strncmp(text, "0x", 2) == 0 ? text + 2 : text;
	if (strlen(digits) != 4 || strspn(digits, "0123456789abcdefABCDEF") != 4)
		return acrn_fail(error, 0, "bind-pci-stub %s: %s does not hold a PCI id",
				 step->object, shown(root, path, where));
	memcpy(id, digits, 5);
	return 0;
}

/* new_id with the device's ids, unbind from its driver, bind to pci-stub.
 * The ids this step added to pci-stub are kept in `detail`, so that
 * undoing it removes them again. */
static int bind_run(const char *root, struct acrn_step *step, const struct journal *journal,
		    struct acrn_error *error)
{
	char path[ACRN_PATH_MAX], vendor[8], device[8], driver[64], where[ACRN_PATH_MAX];
	int rc = bind_check(root, step, error);
	if (rc < 0)
		return rc;
	if ((rc = current_driver(root, step, driver, sizeof driver)) < 0)
		return step_fail(error, step, "cannot read the driver of", step->object, rc);
	if (strcmp(driver, "pci-stub") == 0)
		return begin(journal, step, "none: it was on pci-stub already");
	if ((rc = read_id(root, step, "vendor", vendor, error)) < 0 ||
	    (rc = read_id(root, step, "device", device, error)) < 0)
		return rc;
	/* the driver it goes back to and the ids, written down before anything
	 * changes */
	snprintf(step->detail, sizeof step->detail, "%s %s", vendor, device);
	if ((rc = begin(journal, step, driver[0] ? driver : "pci-stub unbind")) < 0)
		return rc;
	driver_path("pci-stub", "new_id", path);
	if ((rc = write_file(root, path, step->detail)) < 0 && rc != -EEXIST)
		return step_fail(error, step, "cannot write the ids to", shown(root, path, where),
				 rc);
	if (rc == -EEXIST) { /* pci-stub had them: not ours to remove */
		step->detail[0] = '\0';
		if ((rc = record(journal)) < 0)
			return rc;
	}
	if (driver[0]) {
		device_path(step, "driver/unbind", path);
		if ((rc = write_file(root, path, step->object)) < 0)
			return step_fail(error, step, "cannot unbind through",
					 shown(root, path, where), rc);
	}
	driver_path("pci-stub", "bind", path);
	if ((rc = write_file(root, path, step->object)) < 0)
		return step_fail(error, step, "cannot bind through", shown(root, path, where), rc);
	return 0;
}

/* Back to the driver it had: the ids this step gave pci-stub removed,
 * unbound from pci-stub, bound to that driver.  A step that was cut short
 * (begun, not done) may have got less far: what is already so is left as
 * it is. */
static int bind_undo(const char *root, const struct acrn_step *step, struct acrn_error *error)
{
	char path[ACRN_PATH_MAX], driver[64], where[ACRN_PATH_MAX];
	int rc;
	if (strncmp(step->undo, "none:", 5) == 0)
		return 0;
	if (step->detail[0]) {
		driver_path("pci-stub", "remove_id", path);
		if ((rc = write_file(root, path, step->detail)) < 0 && rc != -ENODEV)
			return step_fail(error, step, "cannot remove the ids through",
					 shown(root, path, where), rc);
	}
	bool cut_short = step->state == ACRN_STEP_STARTED;
	if (cut_short && (rc = current_driver(root, step, driver, sizeof driver)) < 0)
		return step_fail(error, step, "cannot read the driver of", step->object, rc);
	if (cut_short && strcmp(driver, step->undo) == 0)
		return 0;
	if (!cut_short || strcmp(driver, "pci-stub") == 0) {
		driver_path("pci-stub", "unbind", path);
		if ((rc = write_file(root, path, step->object)) < 0 && rc != -ENODEV)
			return step_fail(error, step, "cannot unbind through",
					 shown(root, path, where), rc);
	}
	if (strchr(step->undo, ' ')) /* it had no driver */
		return 0;
	driver_path(step->undo, "bind", path);
	if ((rc = write_file(root, path, step->object)) < 0)
		return step_fail(error, step, "cannot give it back through",
				 shown(root, path, where), rc);
	return 0;
}

/* ---- taps ---------------------------------------------------------------- */

/* Opens /dev/net/tun attached to tap `name` (created when missing). */
static int open_tap(const char *name, short extra_flags, int *fd)
{
	struct ifreq request = {0};
	*fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (*fd < 0)
		return -errno;
	snprintf(request.ifr_name, IFNAMSIZ, "%.15s", name);
	request.ifr_flags = IFF_TAP | IFF_NO_PI | extra_flags;
	if (ioctl(*fd, TUNSETIFF, &request) < 0) {
		int rc = -errno;
		close(*fd);
		return rc;
	}
	return 0;
}

/* The interface's index in this network namespace, or -1. */
static int interface_index(const char *name)
{
	unsigned index = if_nametoindex(name);
	return index ? (int)index : -1;
}

/* A tap is made in this host's network, which a root (a tree standing
 * for another host) does not reach: refused there. */
static int tap_rooted(const char *root, const struct acrn_step *step, struct acrn_error *error)
{
	if (real_root(root))
		return 0;
	return acrn_fail(error, 0,
			 "create-tap %s: taps are made in this host's network, which --root %s "
			 "does not stand for: launch without --root, or make the tap beforehand",
			 step->object, root);
}

static int tap_check(const char *root, const struct acrn_step *step, struct acrn_error *error)
{
	int rc = tap_rooted(root, step, error);
	if (rc < 0)
		return rc;
	if (step->detail[0] && interface_index(step->detail) < 0)
		return acrn_fail(error, 0, "create-tap %s: the bridge %s does not exist",
				 step->object, step->detail);
	if (access("/dev/net/tun", R_OK | W_OK) < 0)
		return step_fail(error, step, "cannot use", "/dev/net/tun", -errno);
	return 0;
}

/* Creates the tap when missing (persistent), and puts it on the bridge
 * when the bridge exists. */
static int tap_run(const char *root, struct acrn_step *step, const struct journal *journal,
		   struct acrn_error *error)
{
	int fd, rc = tap_rooted(root, step, error);
	if (rc < 0)
		return rc;
	bool existed = interface_index(step->object) >= 0;
	if ((rc = begin(journal, step, existed ? "none: it existed" : "delete")) < 0)
		return rc;
	if (!existed) {
		if ((rc = open_tap(step->object, 0, &fd)) < 0)
			return step_fail(error, step, "cannot create it through", "/dev/net/tun",
					 rc);
		if (ioctl(fd, TUNSETPERSIST, 1) < 0) {
			rc = -errno;
			close(fd);
			return step_fail(error, step, "cannot make it persistent through",
					 "/dev/net/tun", rc);
		}
		close(fd);
	}
	/* up, and on the bridge */
	int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		return step_fail(error, step, "cannot open a socket for", step->object, -errno);
	struct ifreq request = {0};
	snprintf(request.ifr_name, IFNAMSIZ, "%.15s", step->object);
	rc = 0;
	if (ioctl(sock, SIOCGIFFLAGS, &request) == 0) {
		request.ifr_flags |= IFF_UP;
		if (ioctl(sock, SIOCSIFFLAGS, &request) < 0)
			rc = -errno;
	}
	int port = interface_index(step->object);
	if (rc == 0 && step->detail[0] && interface_index(step->detail) >= 0 && port >= 0) {
		struct ifreq bridge = {0};
		snprintf(bridge.ifr_name, IFNAMSIZ, "%.15s", step->detail);
		bridge.ifr_ifindex = port;
		if (ioctl(sock, SIOCBRADDIF, &bridge) < 0 && errno != EBUSY)
			rc = -errno;
	}
	close(sock);
	if (rc < 0)
		return step_fail(error, step, "cannot bring it up on bridge",
				 step->detail[0] ? step->detail : "(none)", rc);
	return 0;
}

/* Deletes a tap this launch created. */
static int tap_undo(const char *root, const struct acrn_step *step, struct acrn_error *error)
{
	(void)root;
	int fd, rc;
	if (strcmp(step->undo, "delete") != 0 || interface_index(step->object) < 0)
		return 0;
	if ((rc = open_tap(step->object, 0, &fd)) < 0)
		return step_fail(error, step, "cannot open it through", "/dev/net/tun", rc);
	rc = ioctl(fd, TUNSETPERSIST, 0) < 0 ? -errno : 0;
	close(fd);
	return rc < 0 ? step_fail(error, step, "cannot delete it through", "/dev/net/tun", rc) : 0;
}

/* ---- steps ---------------------------------------------------------------- */

int acrn_step_check(const char *root, const struct acrn_step *step, struct acrn_error *error)
{
	switch (step->kind) {
	case ACRN_STEP_OFFLINE_CPU:
		return offline_cpu_check(root, step, error);
	case ACRN_STEP_BIND_PCI_STUB:
		return bind_check(root, step, error);
	case ACRN_STEP_CREATE_TAP:
		return tap_check(root, step, error);
	}
	return -EINVAL;
}

int acrn_step_undo(const char *root, const struct acrn_step *step, struct acrn_error *error)
{
	if (step->state != ACRN_STEP_STARTED && step->state != ACRN_STEP_DONE)
		return 0;
	switch (step->kind) {
	case ACRN_STEP_OFFLINE_CPU:
		return offline_cpu_undo(root, step, error);
	case ACRN_STEP_BIND_PCI_STUB:
		return bind_undo(root, step, error);
	case ACRN_STEP_CREATE_TAP:
		return tap_undo(root, step, error);
	}
	return -EINVAL;
}

int acrn_steps_undo(const char *root, struct acrn_step *steps, size_t count,
		    acrn_journal_fn *journal, void *context, struct acrn_error *error)
{
	int first = 0;
	struct acrn_error ignored;
	for (size_t i = count; i-- > 0;) {
		if (steps[i].state != ACRN_STEP_STARTED && steps[i].state != ACRN_STEP_DONE)
			continue;
		int rc = acrn_step_undo(root, &steps[i], first ? &ignored : error);
		if (rc < 0) {
			first = first ? first : rc;
			continue; /* the others still go back */
		}
		steps[i].state = ACRN_STEP_UNDONE;
		if (journal && (rc = journal(context, steps, count)) < 0 && !first) {
			acrn_fail(error, 0, "cannot record that %s %s was given back: %s",
				  acrn_step_name(steps[i].kind), steps[i].object, strerror(-rc));
			first = rc;
		}
	}
	return first;
}

int acrn_steps_run(const char *root, struct acrn_step *steps, size_t count,
		   acrn_journal_fn *journal_fn, void *context, struct acrn_error *error)
{
	const struct journal journal = {journal_fn, context, steps, count, error};
	for (size_t i = 0; i < count; i++) {
		int rc;
		if (steps[i].state != ACRN_STEP_PLANNED)
			continue; /* done before (a launch that was not given back yet) */
		switch (steps[i].kind) {
		case ACRN_STEP_OFFLINE_CPU:
			rc = offline_cpu_run(root, &steps[i], &journal, error);
			break;
		case ACRN_STEP_BIND_PCI_STUB:
			rc = bind_run(root, &steps[i], &journal, error);
			break;
		case ACRN_STEP_CREATE_TAP:
			rc = tap_run(root, &steps[i], &journal, error);
			break;
		default:
			rc = -EINVAL;
		}
		if (rc == 0) {
			steps[i].state = ACRN_STEP_DONE;
			rc = record(&journal);
		}
		if (rc < 0) {
			/* give back this step's part and every step before, newest
			 * first; the error of the step is the one to report */
			struct acrn_error ignored;
			acrn_steps_undo(root, steps, count, journal_fn, context, &ignored);
			return rc;
		}
	}
	return 0;
}
