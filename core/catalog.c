/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The catalogue: every emulation and global option acrn-launch knows, as
 * data.  Validation, rendering, the Lua constructors and the docs all read
 * these tables; a rule function exists only where a device's fields depend
 * on each other.
 */
#include "internal.h"

#include <errno.h>
#include <string.h>

#define R(major, minor) ACRN_RELEASE(major, minor)

/* Field indexes of the emulations whose rules look at several fields. */
enum { BLK_PATH, BLK_NODISK, BLK_RO, BLK_CACHE, BLK_DRIVE };
enum { NET_TAP, NET_VHOST, NET_MAC, NET_MACVTAP };

/* ---- rules ---------------------------------------------------------------- */

static int virtio_blk_rule(const struct acrn_vm *vm, const struct acrn_device *device,
			   size_t index, struct acrn_error *error)
{
	(void)vm;
	char owner[96], shown[128];
	const struct acrn_value *path = &device->values[BLK_PATH],
				 *nodisk = &device->values[BLK_NODISK];
	acrn_device_owner(device, index, owner);
	if (path->set && nodisk->set && nodisk->flag)
		return acrn_fail(error, index,
				 "%s: give either path or nodisk = true, not both", owner);
	if (!path->set && !(nodisk->set && nodisk->flag))
		return acrn_fail(error, index,
				 "%s: needs a path, or nodisk = true for an empty placeholder",
				 owner);
	/* acrn-dm turns any path containing "nodisk" into a placeholder */
	if (path->set && strstr(path->text, "nodisk"))
		return acrn_fail(error, index,
				 "%s: path %s contains \"nodisk\", which acrn-dm would take for an "
				 "empty placeholder; use nodisk = true for that, or rename the file",
				 owner, acrn_describe(path->text, path->length, shown));
	return 0;
}

static int virtio_net_rule(const struct acrn_vm *vm, const struct acrn_device *device,
			   size_t index, struct acrn_error *error)
{
	char owner[96], shown[128];
	const struct acrn_value *tap = &device->values[NET_TAP];
	/* Up to 2.7, acrn-dm opens the interface only for these prefixes. */
	if (vm->target->release <= R(2, 7) && strncmp(tap->text, "tap", 3) != 0 &&
	    strncmp(tap->text, "vmnet", 5) != 0)
		return acrn_fail(error, index,
				 "%s: tap %s must start with \"tap\" or \"vmnet\": acrn-dm %s opens "
				 "no other interface (a macvtap must be named so too)",
				 acrn_device_owner(device, index, owner),
				 acrn_describe(tap->text, tap->length, shown), vm->target->name);
	return 0;
}

/* ---- emulations ------------------------------------------------------------ */

static const char *const cache_modes[] = {"writeback", "writethru", NULL};

static const struct acrn_field lpc_fields[] = {
	{.name = "com1", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_LPC,
	 .doc = "backend of COM1: stdio, tcp:PORT, a tty path, or \"\" for none"},
	{.name = "com2", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_LPC,
	 .doc = "backend of COM2, as com1"},
};

static const struct acrn_field virtio_console_fields[] = {
	{.name = "ports", .type = ACRN_TYPE_PORTS, .render = ACRN_RENDER_VALUE, .required = true,
	 .doc = "list of ports: { backend = stdio|pty|tty|file|socket, name, path, "
		"console = true, mode = server|client }"},
};

/* The order of the fields is the order of the rendering. */
static const struct acrn_field virtio_net_fields[] = {
	[NET_TAP] = {.name = "tap", .type = ACRN_TYPE_IFNAME, .render = ACRN_RENDER_BARE,
	 .keyed_since = R(3, 0), .required = true,
	 .doc = "the tap (or macvtap) interface; rendered tap=NAME from 3.0"},
	[NET_VHOST] = {.name = "vhost", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	 .doc = "use the vhost-net kernel backend"},
	[NET_MAC] = {.name = "mac", .type = ACRN_TYPE_MAC, .render = ACRN_RENDER_KEYED,
	 .doc = "the guest's MAC address, unicast and not zero"},
	[NET_MACVTAP] = {.name = "macvtap", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_NONE,
	 .doc = "the interface is a macvtap (rendered like a tap; for the reader)"},
};

static const struct acrn_field virtio_blk_fields[] = {
	[BLK_PATH] = {.name = "path", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_BARE,
		      .host = ACRN_HOST_DISK,
	 .doc = "the disk image or block device"},
	[BLK_NODISK] = {.name = "nodisk", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	 .doc = "an empty placeholder that acrnctl blkrescan fills later"},
	[BLK_RO] = {.name = "ro", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG, .doc = "read-only"},
	[BLK_CACHE] = {.name = "cache", .type = ACRN_TYPE_CHOICE, .render = ACRN_RENDER_VALUE,
	 .choices = cache_modes, .doc = "writeback or writethru (acrn-dm's default)"},
	[BLK_DRIVE] = {.name = "drive", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_NONE, .min = 0,
	 .max = 1023, .unique = true,
	 .doc = "drive index, for placing disks into placeholders later"},
};

#define FIELDS(array) .fields = (array), .field_count = sizeof(array) / sizeof((array)[0])

static const struct acrn_emulation emulations[] = {
	{.kind = "hostbridge", .constructor = "hostbridge", .role = ACRN_ROLE_HOSTBRIDGE,
	 .doc = "the PCI host bridge; exactly one, at 0:0"},
	{.kind = "lpc", .constructor = "lpc", .role = ACRN_ROLE_LPC, FIELDS(lpc_fields),
	 .doc = "the LPC bridge and its UARTs (-l); at most one, on bus 0"},
	{.kind = "virtio-console", .constructor = "virtio_console",
	 FIELDS(virtio_console_fields), .doc = "virtio console with up to 16 ports"},
	{.kind = "virtio-net", .constructor = "virtio_net", FIELDS(virtio_net_fields),
	 .rule = virtio_net_rule, .doc = "virtio network device on a tap"},
	{.kind = "virtio-blk", .constructor = "virtio_blk", FIELDS(virtio_blk_fields),
	 .rule = virtio_blk_rule, .doc = "virtio block device, or an empty placeholder"},
	{.kind = "virtio-rnd", .constructor = "virtio_rnd",
	 .doc = "virtio entropy source"},
};

/* ---- global options, in the order they are rendered ------------------------ */

static const struct acrn_option options[] = {
	{{.name = "uuid", .key = "-U", .type = ACRN_TYPE_UUID, .releases = {.removed = R(2, 7)},
	  .doc = "the VM's UUID (identifies the VM up to 2.6)"},
	 ACRN_PLACE_FIRST},
	{{.name = "acpi", .key = "-A", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .releases = {.ignored = R(3, 0)}, .doc = "build ACPI tables"},
	 ACRN_PLACE_FIRST},
	{{.name = "memory", .key = "-m", .type = ACRN_TYPE_MEMORY,
	  .doc = "guest memory: \"2048M\", \"2G\", or a number of MiB (acrn-dm: 256M)"},
	 ACRN_PLACE_FIRST},
	{{.name = "kernel", .key = "-k", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE, .doc = "kernel image"},
	 ACRN_PLACE_BOOT},
	{{.name = "ramdisk", .key = "-r", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE, .doc = "initial ramdisk"},
	 ACRN_PLACE_BOOT},
	{{.name = "bootargs", .key = "-B", .type = ACRN_TYPE_BOOTARGS,
	  .doc = "kernel command line: a string or a list of parameters"},
	 ACRN_PLACE_BOOT},
};

_Static_assert(sizeof options / sizeof options[0] <= ACRN_OPTIONS_MAX, "ACRN_OPTIONS_MAX");

const struct acrn_emulation *acrn_emulations(size_t *count)
{
	*count = sizeof emulations / sizeof emulations[0];
	return emulations;
}

const struct acrn_emulation *acrn_emulation_find(const char *name)
{
	for (size_t i = 0; i < sizeof emulations / sizeof emulations[0]; i++)
		if (strcmp(emulations[i].kind, name) == 0 ||
		    strcmp(emulations[i].constructor, name) == 0)
			return &emulations[i];
	return NULL;
}

const struct acrn_option *acrn_options(size_t *count)
{
	*count = sizeof options / sizeof options[0];
	return options;
}

int acrn_option_find(const char *name)
{
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
		if (strcmp(options[i].field.name, name) == 0)
			return (int)i;
	return -1;
}

int acrn_field_find(const struct acrn_emulation *emulation, const char *name)
{
	for (size_t i = 0; i < emulation->field_count; i++)
		if (strcmp(emulation->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

int acrn_supports(const struct acrn_target *target, const char *name, struct acrn_error *error)
{
	const struct acrn_emulation *emulation = acrn_emulation_find(name);
	int option = acrn_option_find(name);
	struct acrn_releases releases;
	if (emulation)
		releases = emulation->releases;
	else if (option >= 0)
		releases = options[option].field.releases;
	else {
		acrn_fail(error, 0, "no device or option is called \"%s\"", name);
		return -ENOENT;
	}
	char release[16];
	/* what the target ignores, it does not support */
	if (releases.ignored && target->release >= releases.ignored)
		return acrn_fail(error, 0, "%s is ignored by acrn-dm from ACRN %s on (target %s)",
				 name, acrn_release_text(releases.ignored, release), target->name);
	return acrn_releases_check(&releases, target, "", name, NULL, 0, error);
}
