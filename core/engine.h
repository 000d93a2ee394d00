/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The acrn-launch engine: what acrn-dm accepts, release by release (the
 * catalogue), the checks of a whole VM, how a checked VM becomes its argv
 * and the host steps it needs, and the way back from an argv to fields.
 * C11 + libuuid's parser; never includes Lua, keeps no globals, never
 * prints, never exits, and does no I/O: what it needs to know about the
 * host (LAPIC ids) comes in as facts.  Every function that can fail
 * returns 0 or a negative errno-style code and fills a struct acrn_error.
 * The host toolkit (host.h) is built on it, never the other way round.
 */
#ifndef ACRN_ENGINE_H
#define ACRN_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

/* A release as one number: 3.3 is 30300, 1.6.1 is 10601 (2.4.0.1, ACRN's
 * one four-part release, is 20401).  Releases compare as numbers. */
#define ACRN_RELEASE(major, minor) (((major)*100 + (minor)) * 100)
#define ACRN_PATCH(major, minor, patch) (ACRN_RELEASE(major, minor) + (patch))

/* Limits that come from acrn-dm. */
#define ACRN_PATH_MAX 1024     /* paths are shorter than this */
#define ACRN_BOOTARGS_MAX 2047 /* bytes in the -B value */
#define ACRN_BUS_MAX 255
#define ACRN_SLOT_MAX 31
#define ACRN_FUNC_MAX 7
#define ACRN_CONSOLE_PORTS_MAX 16
#define ACRN_IFNAME_MAX 15
#define ACRN_MEMORY_MAX_MIB (1LL << 40) /* a sanity bound: 1 EiB */

/* Capacities of the fixed-size storage below. */
#define ACRN_FIELDS_MAX 24  /* fields of one emulation */
#define ACRN_OPTIONS_MAX 48 /* global options of the catalogue */
#define ACRN_ERROR_MAX 512  /* bytes of one error or warning message */

/* ---------------------------------------------------------------------------
 * Errors
 */

/* What went wrong, for a person: `device` counts the VM's devices from 1 in
 * the recipe's order (0 for VM-wide problems) and `option` names the VM
 * field, so that the caller can add the place in the recipe where that
 * device or field was made; `message` already names the device, the field
 * and the value. */
struct acrn_error {
	size_t device;
	size_t option; /* the VM field it concerns: its index in acrn_options + 1; 0: none */
	char message[ACRN_ERROR_MAX];
};

/* Fills `error` for device `device` (0: the VM) and returns -EINVAL. */
int acrn_fail(struct acrn_error *error, size_t device, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* Writes `text` for a message: in double quotes, control bytes escaped,
 * cut after 64 bytes. Returns `buffer`. */
const char *acrn_describe(const char *text, size_t length, char buffer[128]);

/* Appends printf-style text to `buffer` (of `size` bytes, `*at` < `size`
 * used) and advances `*at`.  -ENOSPC, `buffer` as it was, when it does not
 * fit. */
int acrn_appendf(char *buffer, size_t size, size_t *at, const char *format, ...)
	__attribute__((format(printf, 4, 5)));

/* The separator between an owner and what follows: ": ", or "" for none. */
static inline const char *acrn_sep(const char *owner)
{
	return *owner ? ": " : "";
}

/* ---------------------------------------------------------------------------
 * Releases
 */

/* A release acrn-launch builds for.  A patch release whose acrn-dm reads
 * the same command line as its minor release stands for it: `release` is
 * then the minor's number (2.5.1 has ACRN_RELEASE(2, 5)); one that differs
 * is its own (1.6.1 has ACRN_PATCH(1, 6, 1)). */
struct acrn_target {
	const char *name; /* "3.3", "2.5.1" */
	int release;      /* what the catalogue's ranges compare with */
};

/* Which releases have a device, field or option.  `since` is the first
 * release that has it (0: all); `removed` the first release that rejects it
 * (0: never); `ignored` the first release that accepts it but does nothing
 * with it (0: never). */
struct acrn_releases {
	int since, removed, ignored;
};

#define ACRN_DEFAULT_TARGET "3.3"

const struct acrn_target *acrn_targets(size_t *count);
/* The target called `name` ("3.3"), or NULL. */
const struct acrn_target *acrn_target_find(const char *name);
/* Longest VM name that `target` accepts, in bytes. */
size_t acrn_target_name_max(const struct acrn_target *target);
/* What a target does with something of these releases. */
enum acrn_acceptance {
	ACRN_ACCEPTED,
	ACRN_IGNORED, /* accepted, and acrn-dm does nothing with it */
	ACRN_REFUSED, /* not yet, or no longer */
};
enum acrn_acceptance acrn_accepts(const struct acrn_releases *releases,
				  const struct acrn_target *target);

/* Writes "3.3" for ACRN_RELEASE(3, 3), "1.6.1" for ACRN_PATCH(1, 6, 1)
 * (a known target's own spelling) into `buffer`; returns it. */
const char *acrn_release_text(int release, char buffer[16]);

/* ---------------------------------------------------------------------------
 * The catalogue: every emulation and global option as data
 */

enum acrn_type {
	ACRN_TYPE_STRING,   /* text; `rule` may check its grammar */
	ACRN_TYPE_PATH,     /* a file path, shorter than ACRN_PATH_MAX */
	ACRN_TYPE_BOOL,     /* true/false */
	ACRN_TYPE_INTEGER,  /* between min and max */
	ACRN_TYPE_CHOICE,   /* one of `choices` */
	ACRN_TYPE_MAC,      /* unicast, non-zero 00:11:22:33:44:55 */
	ACRN_TYPE_IFNAME,   /* a network interface name */
	ACRN_TYPE_UUID,     /* libuuid's text form */
	ACRN_TYPE_MEMORY,   /* "2048M", "2G" or a number of MiB */
	ACRN_TYPE_BOOTARGS, /* the kernel command line, one string */
	ACRN_TYPE_VMNAME,   /* [A-Za-z0-9_.-], length by target */
	ACRN_TYPE_UART,     /* an LPC UART backend: stdio, tcp:PORT, /dev/tty… */
	ACRN_TYPE_BDF,      /* a host PCI device: "00:1f.3" or "0/1f/3" */
	ACRN_TYPE_LIST,     /* a list of `element`s */
	ACRN_TYPE_RECORD,   /* a table of `record`'s fields */
	ACRN_TYPE_RECORDS,  /* a list of such tables */
};

/* What a field's path must be on the host when the VM starts (acrn-dm
 * fails at device init otherwise); checked by acrn_host_check. */
enum acrn_host_need {
	ACRN_HOST_NONE,
	ACRN_HOST_FILE,       /* a readable, non-empty regular file */
	ACRN_HOST_DISK,       /* a block device, or a regular file of N x 512 bytes */
	ACRN_HOST_TTY,        /* a terminal device */
	ACRN_HOST_UART,       /* a UART backend: when a path, a terminal device */
	ACRN_HOST_EVDEV,      /* an input event device (a character device) */
	ACRN_HOST_SOCKET,     /* a unix socket that exists (acrn-dm connects) */
	ACRN_HOST_SOCKET_DIR, /* a unix socket acrn-dm makes: its directory exists */
	ACRN_HOST_NEW_FILE,   /* a file acrn-dm makes: its directory exists */
};

/* What a field asks of the host or of the running VM beyond being rendered;
 * acrn_build turns them into the plan's steps, consoles and drives. */
enum acrn_effect {
	ACRN_EFFECT_NONE,
	ACRN_EFFECT_PCI_STUB,     /* a BDF: the host device is bound to pci-stub first */
	ACRN_EFFECT_TAP,          /* an IFNAME: the tap is made when missing */
	ACRN_EFFECT_OFFLINE_CPUS, /* cpu_affinity: its CPUs leave the Service VM first */
	ACRN_EFFECT_CONSOLE,      /* a UART backend or console ports: what `console` reaches */
	ACRN_EFFECT_DRIVE,        /* an INTEGER: the index blkrescan names the device by */
};

/* Whether an effect happens when its switch (a BOOL field of the same
 * device or table, `effect_switch`) is not set. */
enum acrn_switch_default {
	ACRN_SWITCH_OFF,  /* only when set true */
	ACRN_SWITCH_ON,   /* unless set false */
	ACRN_SWITCH_RTVM, /* when the VM is a real-time VM (rtvm) */
};

/* How a field shows up in the device's CONFIG (after "-s S,kind,"). */
enum acrn_render {
	ACRN_RENDER_NONE,      /* not rendered (bookkeeping, or by the emulation) */
	ACRN_RENDER_BARE,      /* the value alone; "key=value" from `keyed_since` */
	ACRN_RENDER_KEYED,     /* key=value (the key alone for a `flag_ok` true) */
	ACRN_RENDER_FLAG,      /* the key, when true */
	ACRN_RENDER_VALUE,     /* the value alone */
	ACRN_RENDER_KEY_VALUE, /* "key,value": the key, then the value as the next field */
	ACRN_RENDER_LPC,       /* a separate "-l NAME,VALUE" after the device */
	ACRN_RENDER_OPTION,    /* a separate "KEY VALUE" after the device (-G) */
};

struct acrn_field;
struct acrn_value;
struct acrn_vm;
struct acrn_emulation;
struct acrn_scan;

/* Everything a check or a rendering needs to know about where it is. */
struct acrn_context {
	const struct acrn_vm *vm;
	const char *owner;             /* "device #4 (virtio-blk)", "" for the VM */
	size_t device;                 /* for acrn_error.device; 0: the VM */
	bool in_config;                /* inside a -s or -l string: ',' splits */
	struct acrn_strings *warnings; /* may be NULL */
	struct acrn_error *error;
};

/* A check beyond the type (a string's grammar, a record's fields together):
 * 0, or negative with the error filled through acrn_fail. */
typedef int acrn_value_rule(const struct acrn_context *context, const struct acrn_field *field,
			    const struct acrn_value *value);
/* Writes the text a value renders to when the generic one does not do;
 * 0, -ENOSPC, or negative with the error filled. */
typedef int acrn_value_text(const struct acrn_context *context, const struct acrn_field *field,
			    const struct acrn_value *value, char *buffer, size_t size);

/* Reads the text a value renders to back into `value` (the inverse of an
 * acrn_value_text hook): 0; -ENOENT when the text is not this field's (the
 * catalogue does not know it), -EINVAL when acrn-dm refuses it, both with
 * scan->error; -ENOMEM. */
typedef int acrn_value_scan(const struct acrn_scan *scan, const struct acrn_field *field,
			    const char *text, size_t length, struct acrn_value *value);

/* What the host must have for field `field` of a table whose items are
 * `items`, where it depends on the other fields (a console port's path:
 * a socket, a tty or a file by its backend). */
typedef enum acrn_host_need acrn_record_need(const struct acrn_value *items, size_t field);

/* The fields of one table (a console port, an OVMF image, …) and a rule
 * about each table as a whole (called with a RECORD value of its items). */
struct acrn_record {
	const struct acrn_field *fields;
	size_t count;
	acrn_value_rule *rule;
	acrn_record_need *host; /* NULL: each field's own `host` */
};

/* One value a CHOICE field may take, and the releases that take it. */
struct acrn_choice {
	const char *name;
	struct acrn_releases releases;
	const char *instead; /* said when the target refuses it */
};

struct acrn_field {
	const char *name; /* as a recipe spells it: "path" */
	enum acrn_type type;
	enum acrn_render render;
	const char *key;         /* as acrn-dm spells it; NULL: `name` */
	int keyed_since;         /* RENDER_BARE: release that wants key=value */
	const char *renamed_key; /* options: the spelling from `renamed_since` */
	int renamed_since;
	const struct acrn_choice *choices; /* CHOICE: ended by a NULL name */
	long long min, max;                /* INTEGER */
	bool hex;                          /* INTEGER: rendered 0x… */
	const struct acrn_field *element;  /* LIST: each item */
	const struct acrn_record *record;  /* RECORD, RECORDS: each table */
	size_t max_items;                  /* LIST, RECORDS: 0 means no limit */
	bool flag_ok;                      /* `true` alone is also a value */
	const char *shorthand;             /* RECORD: a string stands for this field */
	bool repeat;                       /* RECORDS option: one option per record */
	const char *separator;             /* LIST, RECORDS: between items; NULL "," */
	bool rest;                         /* takes the rest of the CONFIG, ',' too: last */
	acrn_value_rule *rule;
	acrn_value_text *text;
	acrn_value_scan *scan; /* the inverse of `text` */
	const char *long_name; /* options: acrn-dm's long name of a one-letter `key` */
	int value_since;       /* flag_ok options: acrn-dm takes a value from here on */
	struct acrn_releases releases;
	const char *instead;       /* said when the target refuses the field */
	enum acrn_host_need host;  /* checked by acrn_host_check */
	long long host_max_bytes;  /* and no larger than this (0: any size) */
	bool required;             /* the device or VM needs it */
	bool unique;               /* no two devices of a VM may share a value */
	bool uses_stdio;           /* the value "stdio" takes acrn-dm's one stdio */
	bool at_launch;            /* found in the host facts at launch: what it finds
				      renders (and scans back) as another field */
	enum acrn_effect effect;   /* what it asks of the host (see acrn_plan) */
	const char *effect_switch; /* NULL: always; else the BOOL field that decides */
	enum acrn_switch_default effect_default;
	const char *effect_detail; /* TAP: the field naming its bridge */
	const char *doc;
};

struct acrn_device;

/* A rule about a device as a whole (one field or another, a name that acrn-dm
 * would misread); `index` is the device's number for messages.  Fills
 * `error` and returns negative when the rule is broken. */
typedef int acrn_device_rule(const struct acrn_vm *vm, const struct acrn_device *device,
			     size_t index, struct acrn_error *error);

enum acrn_device_role {
	ACRN_ROLE_PLAIN,
	ACRN_ROLE_HOSTBRIDGE, /* exactly one, at 0:0 */
	ACRN_ROLE_LPC,        /* at most one, on bus 0 */
};

/* Writes a device's CONFIG when its grammar is not a ','-joined list of
 * its fields (xhci); 0, -ENOSPC, or negative with the error filled. */
typedef int acrn_device_text(const struct acrn_context *context, const struct acrn_device *device,
			     char *buffer, size_t size);
/* Reads a device's CONFIG (NULL: none) into `values` (the inverse of an
 * acrn_device_text hook): 0, or -ENOENT/-EINVAL/-ENOMEM as acrn_value_scan. */
typedef int acrn_device_scan(const struct acrn_scan *scan, const struct acrn_emulation *emulation,
			     const char *config, struct acrn_value *values);

struct acrn_emulation {
	const char *kind;        /* as acrn-dm spells it: "virtio-blk" */
	const char *constructor; /* as the Lua API spells it: "virtio_blk" */
	enum acrn_device_role role;
	bool single; /* at most one per VM */
	struct acrn_releases releases;
	const struct acrn_field *fields;
	size_t field_count;
	acrn_device_rule *rule; /* NULL: no rule beyond the fields' own */
	acrn_device_text *text; /* NULL: the fields, ','-joined */
	acrn_device_scan *scan; /* the inverse of `text` */
	const char *doc;
};

/* Where a global option goes in the argv (acrn-dm.md, "Shape"). */
enum acrn_place {
	ACRN_PLACE_FIRST, /* -U -A -m, before the devices */
	ACRN_PLACE_AFTER, /* after the devices */
	ACRN_PLACE_BOOT,  /* -E -k -r -B */
	ACRN_PLACE_LAST,  /* raw arguments, just before the name */
};

struct acrn_option {
	struct acrn_field field; /* field.key is the option: "-m" */
	enum acrn_place place;
	/* From this release the option moved into the devices: it is no longer
	 * rendered itself, and device fields of the same name inherit it. */
	int into_devices_since;
};

const struct acrn_emulation *acrn_emulations(size_t *count);
/* The emulation whose kind ("virtio-blk") or constructor ("virtio_blk") is
 * `name`, or NULL. */
const struct acrn_emulation *acrn_emulation_find(const char *name);
const struct acrn_option *acrn_options(size_t *count);
/* Index of the option whose field is `name` ("memory"), or -1. */
int acrn_option_find(const char *name);
/* Whether `target` has the emulation or option `name` and acts on it: 0,
 * -EINVAL with `error` saying which release added, removed or ignores it,
 * or -ENOENT when the catalogue has no such name. */
int acrn_supports(const struct acrn_target *target, const char *name, struct acrn_error *error);
/* Index of `emulation`'s field `name`, or -1. */
int acrn_field_find(const struct acrn_emulation *emulation, const char *name);

/* acrn-dm's options that are no VM field: -s puts a device, -l configures
 * a UART of the LPC bridge, -v and -h print and start no VM. */
enum acrn_command_role {
	ACRN_COMMAND_DEVICE, /* -s, --pci_slot */
	ACRN_COMMAND_LPC,    /* -l, --lpc */
	ACRN_COMMAND_PRINTS, /* -v, -h */
};
struct acrn_command_option {
	const char *key;       /* "-s" */
	const char *long_name; /* "pci_slot" */
	enum acrn_command_role role;
	bool takes_value;
	const char *doc;
};
const struct acrn_command_option *acrn_command_options(size_t *count);

/* ---------------------------------------------------------------------------
 * A VM as the caller describes it
 */

/* The value of one field; `set` is false when the recipe left it out.
 * Strings are counted, so that an embedded NUL can be refused.  A LIST has
 * `count` items; a RECORD has one item per field of its record; RECORDS
 * have `count` records of that many items each, one after the other. */
struct acrn_value {
	bool set;
	const char *text;
	size_t length;
	long long number; /* INTEGER, and MEMORY given as MiB (text NULL) */
	bool flag;        /* BOOL, and a `flag_ok` field given as true */
	const struct acrn_value *items;
	size_t count;
};

#define ACRN_UNSET (-1)

struct acrn_device {
	const struct acrn_emulation *emulation;
	int bus, slot, func; /* where it goes; ACRN_UNSET is an error for build */
	struct acrn_value values[ACRN_FIELDS_MAX]; /* by field index */
};

/* One of the Service VM's CPUs: its number (what cpuN/online takes) and its
 * LAPIC id (what ACRN 3.x's --cpu_affinity takes). */
struct acrn_cpu {
	unsigned number, lapic_id;
};

/* One of the Service VM's input devices: /dev/input/eventN, and what
 * /sys/class/input/eventN/device/{name,phys} say of it. */
struct acrn_input {
	unsigned event;
	const char *name, *phys;
};

/* What the engine knows of the host, read by the host toolkit (host.h) or
 * given by a test.  `source` and `inputs_source` name where the facts came
 * from, for messages ("/proc/cpuinfo", "/sys/class/input"). */
struct acrn_host_facts {
	const struct acrn_cpu *cpus;
	size_t cpu_count;
	const char *source;
	const struct acrn_input *inputs;
	size_t input_count;
	const char *inputs_source;
};

struct acrn_vm {
	const struct acrn_target *target;
	const struct acrn_host_facts *facts; /* NULL: none known */
	struct acrn_value name;
	struct acrn_value options[ACRN_OPTIONS_MAX]; /* by option index */
	const struct acrn_device *devices;
	size_t device_count;
};

/* ---------------------------------------------------------------------------
 * Owned vectors of strings: an argv, a list of warnings
 */

struct acrn_strings {
	char **items; /* NULL-terminated when count > 0 */
	size_t count, capacity;
};

/* Appends a copy of `text`; -ENOMEM when out of memory. */
int acrn_strings_add(struct acrn_strings *strings, const char *text);
int acrn_strings_addf(struct acrn_strings *strings, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
void acrn_strings_free(struct acrn_strings *strings);

/* Writes `text` for a POSIX shell: as is when it needs no quoting, otherwise
 * in single quotes.  Returns the bytes it needs (without the NUL), like
 * snprintf; writes at most `size` bytes. */
size_t acrn_shell_quote(char *buffer, size_t size, const char *text);
/* The whole command, program first, each argument shell-quoted and joined
 * by spaces; a malloc'd string the caller frees, or NULL when out of memory. */
char *acrn_command_line(const char *program, const struct acrn_strings *argv);
/* A hash of a plan that runs: `program` and `argv` (FNV-1a, 64 bits), as 16
 * hex digits and a NUL; what tells a running VM from its recipe's plan now. */
void acrn_plan_hash(const char *program, const struct acrn_strings *argv, char text[17]);

/* ---------------------------------------------------------------------------
 * The plan: the checked, rendered VM
 */

struct acrn_placed_device {
	size_t device; /* index in the VM, from 1 in the recipe's order */
	int bus, slot, func;
	size_t argument; /* index in argv of its "-s" value */
};

/* What put an argument into the argv: the VM's name, a global option (by
 * index in acrn_options) or a device (by its number in the VM, from 1). */
struct acrn_argument_origin {
	enum { ACRN_ORIGIN_NAME, ACRN_ORIGIN_OPTION, ACRN_ORIGIN_DEVICE } kind;
	size_t index;
};

/* A console of the VM, for attaching to it while it runs.  The strings
 * point into the VM's values. */
struct acrn_console {
	const char *backend; /* stdio, pty, tty, file, socket; "uart" for a COM port */
	const char *name;    /* the port's name, or com1 … com5 */
	const char *path;    /* NULL: none */
	const char *mode;    /* a socket's server or client; NULL: server */
	bool console;        /* the hvc console port */
};

/* A drive index and the device it names (the placeholder blkrescan fills). */
struct acrn_drive {
	long long index;
	int bus, slot, func;
};

struct acrn_plan {
	struct acrn_strings argv;             /* everything after the program */
	struct acrn_argument_origin *origins; /* one per argv item */
	struct acrn_strings warnings;         /* accepted, but worth saying */
	struct acrn_placed_device *devices;   /* in bus:slot:func order */
	size_t device_count;
	struct acrn_step *steps; /* host steps, in the order they run */
	size_t step_count;
	struct acrn_console *consoles;
	size_t console_count;
	struct acrn_drive *drives;
	size_t drive_count;
};

/* A place on the PCI bus that a raw -s argument takes, and the raw item
 * that says so. */
struct acrn_slot {
	int bus, slot, func;
	size_t item;
};
/* The slots the -s arguments in `raw` (the VM's raw option: a list of
 * argv items) take; writes at most `max` and returns how many there are. */
size_t acrn_raw_slots(const struct acrn_value *raw, struct acrn_slot *slots, size_t max);

/* Memory freed all at once: where a copy of a VM, or a scan's values, live. */
struct acrn_arena {
	struct acrn_arena_block *blocks;
};
/* `size` zeroed bytes, aligned for anything, or NULL. */
void *acrn_arena_alloc(struct acrn_arena *arena, size_t size);
/* A NUL-terminated copy of `length` bytes of `text`, or NULL. */
char *acrn_arena_copy(struct acrn_arena *arena, const char *text, size_t length);
void acrn_arena_free(struct acrn_arena *arena);
/* Copies `from` (its strings and arrays, its host facts) into `to`, all in
 * `arena`: 0, or -ENOMEM (then free the arena). */
int acrn_vm_copy(const struct acrn_vm *from, struct acrn_vm *to, struct acrn_arena *arena);

/* Checks `vm` against acrn-dm's grammar for its target and renders it into
 * `plan` (zeroed by the caller; freed with acrn_plan_free, also after a
 * failure).  Returns 0; -EINVAL with `error` naming the device, field and
 * value of the first problem (-ENOSPC when a device's -s value is too long,
 * also with `error`); -ENOMEM. */
int acrn_build(const struct acrn_vm *vm, struct acrn_plan *plan, struct acrn_error *error);
void acrn_plan_free(struct acrn_plan *plan);

/* "device #4 (virtio-blk)" into `buffer`; returns it. */
const char *acrn_device_owner(const struct acrn_device *device, size_t index, char buffer[96]);

/* Checks and renders one device for `target` the way it will appear after
 * "-s SLOT," (e.g. "virtio-blk,/img,ro") into `buffer`.  `index` is the
 * device's number for messages; warnings go to `warnings` (may be NULL).
 * Returns 0 or -EINVAL/-ENOSPC with `error`. */
int acrn_device_render(const struct acrn_vm *vm, const struct acrn_device *device, size_t index,
		       char *buffer, size_t size, struct acrn_strings *warnings,
		       struct acrn_error *error);

/* Checks one value against its field's type, rule and release range, as
 * `context` says (owner, device number, inside a -s string or not).
 * Returns 0 or -EINVAL with context->error. */
int acrn_value_check(const struct acrn_context *context, const struct acrn_field *field,
		     const struct acrn_value *value);

/* The items of record number `index` of a RECORDS value (or of a RECORD,
 * with index 0). */
const struct acrn_value *acrn_record_items(const struct acrn_field *field,
					   const struct acrn_value *value, size_t index);
/* Index of `record`'s field `name`, or -1. */
int acrn_record_find(const struct acrn_record *record, const char *name);

/* A host PCI device "00:1f.3", "0000:00:1f.3" or "0/1f/3" (hex). */
int acrn_bdf_parse(const char *text, unsigned *bus, unsigned *device, unsigned *function);

/* The LAPIC id of CPU `cpu` in `facts`: 0, or -ENODATA when the facts do
 * not list it. */
int acrn_cpu_lapic_id(const struct acrn_host_facts *facts, unsigned cpu, unsigned *lapic_id);
/* The CPU whose LAPIC id is `lapic_id`: 0, or -ENODATA. */
int acrn_cpu_number(const struct acrn_host_facts *facts, unsigned lapic_id, unsigned *cpu);
/* The event number of the one input device in `facts` named `name` (and at
 * physical path `phys`, unless NULL): 0, -ENODATA when none is, -EEXIST
 * when several are (`count` says how many). */
int acrn_input_event(const struct acrn_host_facts *facts, const char *name, const char *phys,
		     unsigned *event, size_t *count);

/* One path on the host that a VM names: what the host must have there,
 * the field that names it and whose field it is. */
struct acrn_host_path {
	const char *owner; /* "device #4 (virtio-blk)", "" for the VM */
	size_t device;     /* for acrn_error.device; 0: the VM */
	size_t option;     /* for acrn_error.option; 0: a device's */
	const struct acrn_field *field;
	enum acrn_host_need need;
	const char *path;
	bool made_by_dm; /* a pty acrn-dm itself makes (--pm_by_vuart, -i) */
};
/* Called for each path; a negative return stops the walk and is returned. */
typedef int acrn_path_visitor(void *context, const struct acrn_host_path *path);
/* Visits every host path `vm` names, options first, then devices in the
 * recipe's order.  0, or what the visitor returned. */
int acrn_vm_host_paths(const struct acrn_vm *vm, acrn_path_visitor *visit, void *context);

/* A release as acrn-dm -v prints it: MAJOR.MINOR, and the patch when the
 * text says it (a release tag, or 3.0.x's "3.01"). */
struct acrn_version {
	int major, minor, patch;
	bool patch_known;
};
/* The version in what `acrn-dm -v` printed (the formats of acrn-dm.md):
 * 0, or -EINVAL when none can be read. */
int acrn_version_parse(const char *text, struct acrn_version *version);
/* The target `version` is: 0 and `target` (and `note`, NULL or what to say:
 * the patch releases it may be read the same); -EINVAL with `error` when
 * acrn-launch does not know it, or when -v names only a minor release
 * whose patch releases differ (1.6 and 1.6.1). */
int acrn_version_target(const struct acrn_version *version, const struct acrn_target **target,
			const char **note, struct acrn_error *error);

/* Memory as acrn-dm reads it, in MiB: "2048M", "2G", "131072k".  Returns 0
 * and the size in `mib`, or -EINVAL with a reason in `why`. */
int acrn_memory_parse(const char *text, size_t length, unsigned long long *mib, const char **why);

/* ---------------------------------------------------------------------------
 * Scanning: from acrn-dm's words back to the catalogue (scan.c).  Each
 * rendering's inverse lives beside it in the catalogue (the `scan` hooks);
 * the rest is read generically from the same render data.
 */

/* Where a scan is: the release whose grammar it reads, the arena its values
 * live in, the owner for messages ("virtio-blk") and the error. */
struct acrn_scan {
	const struct acrn_target *target;
	struct acrn_arena *arena;
	const char *owner;
	struct acrn_error *error;
};

/* A -s slot as acrn-dm reads it: "3", "3:0", "0:3:0" (decimal; ':', '/' or
 * '.' between).  0, with `junk` true when acrn-dm ignores text after the
 * numbers ("3x"); -EINVAL with `error` when there is no slot or it is out
 * of range. */
int acrn_scan_slot(const char *text, int *bus, int *slot, int *func, bool *junk,
		   struct acrn_error *error);

/* A device's -s text after the slot ("virtio-blk,b,/data/c.img,ro") as
 * `target` reads it into `device` (bus, slot and func ACRN_UNSET).  0;
 * -ENOENT when the catalogue does not know the emulation or a piece of
 * its CONFIG; -EINVAL when acrn-dm refuses it; both with `error`; -ENOMEM.
 * Values live in `arena`, also after a failure. */
int acrn_scan_device(const struct acrn_target *target, const char *text, struct acrn_device *device,
		     struct acrn_arena *arena, struct acrn_error *error);

/* The value text of option number `option` (NULL for one given without a
 * value) as `target` reads it.  Results as acrn_scan_device. */
int acrn_scan_option(const struct acrn_target *target, size_t option, const char *text,
		     struct acrn_value *value, struct acrn_arena *arena, struct acrn_error *error);

/* The value of a device's own option (-l "com1,stdio", -G "64 448 8"): the
 * emulation and field it sets, and the value.  Results as
 * acrn_scan_device. */
int acrn_scan_device_option(const struct acrn_target *target, const char *key, const char *text,
			    const struct acrn_emulation **emulation, size_t *field,
			    struct acrn_value *value, struct acrn_arena *arena,
			    struct acrn_error *error);

/* One option or argument of acrn-dm's argv, as its getopt_long reads it. */
enum acrn_word_kind {
	ACRN_WORD_OPTION,        /* a catalogue option: `option` */
	ACRN_WORD_DEVICE,        /* -s */
	ACRN_WORD_DEVICE_OPTION, /* an option of a device: -l, -G */
	ACRN_WORD_PRINTS,        /* -v, -h: acrn-dm prints and starts no VM */
	ACRN_WORD_NAME,          /* an argument that is no option: the VM name */
	ACRN_WORD_UNKNOWN,       /* an option the catalogue does not know */
};
struct acrn_word {
	enum acrn_word_kind kind;
	int option;                     /* OPTION: index in acrn_options, else -1 */
	const char *key;                /* the canonical spelling: "-m", "--ovmf" */
	const char *value;              /* inside the caller's words; NULL: none */
	struct acrn_releases releases;  /* the releases that have this spelling */
	const struct acrn_field *field; /* what it sets (an option's, -G's), or NULL */
	size_t first, count;            /* the words it takes */
};
struct acrn_words {
	struct acrn_word *items;
	size_t count;
};
/* Reads `words` (acrn-dm's arguments, without the program) as acrn-dm's
 * getopt_long does: short and long names, --opt=value, glued -m512M and
 * -lcom1,stdio, clusters -AW, unique prefixes of long names, -- ending the
 * options.  `target` (NULL: any release) decides which long names a prefix
 * may stand for and whether --ssram takes a value.  0; -EINVAL with
 * `error` for what acrn-dm refuses (an ambiguous prefix, a missing value, a
 * value given to a flag); -ENOMEM.  `words` is freed with acrn_words_free,
 * also after a failure. */
int acrn_scan_argv(const struct acrn_target *target, const char *const *argv, size_t count,
		   struct acrn_words *words, struct acrn_error *error);
void acrn_words_free(struct acrn_words *words);

/* ---------------------------------------------------------------------------
 * Host steps: what a plan needs done on the host before acrn-dm starts
 * (host.h runs, checks and undoes them)
 */

enum acrn_step_kind {
	ACRN_STEP_OFFLINE_CPU,   /* object: CPU number */
	ACRN_STEP_BIND_PCI_STUB, /* object: "0000:00:1f.3" */
	ACRN_STEP_CREATE_TAP,    /* object: tap name; detail: bridge ("" for none) */
};

/* How far a step got: journaled before it acts, so that a crash leaves a
 * record that says what may need undoing. */
enum acrn_step_state {
	ACRN_STEP_PLANNED, /* not begun */
	ACRN_STEP_STARTED, /* begun: it may have acted, `undo` says how to go back */
	ACRN_STEP_DONE,    /* done: `undo` says how to go back */
	ACRN_STEP_UNDONE,  /* done and given back */
};

struct acrn_step {
	enum acrn_step_kind kind;
	char object[64]; /* the CPU number, "0000:00:1f.3", the tap */
	char detail[64]; /* offline-cpu: its LAPIC id; create-tap: the bridge ("": none) */
	enum acrn_step_state state;
	char undo[64]; /* what undoing means: the driver to go back to, "delete", … */
};

/* "offline-cpu", "bind-pci-stub", "create-tap"; and back (-1: unknown). */
const char *acrn_step_name(enum acrn_step_kind kind);
int acrn_step_kind_find(const char *name);
/* One line for a person: "bind 0000:00:02.0 to pci-stub (undone: back to
 * its driver)". */
void acrn_step_describe(const struct acrn_step *step, char *buffer, size_t size);

#endif
