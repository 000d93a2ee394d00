/* SPDX-License-Identifier: Apache-2.0 */
/* One value against its field (acrn_value_check, core/value.c): each type,
 * limits, release ranges, required fields, records and lists. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "internal.h"

#define OWNER "device #4 (virtio-test)"
#define DEVICE 4

/* ---- helpers ------------------------------------------------------------- */

static struct acrn_value text(const char *s)
{
	return (struct acrn_value){.set = true, .text = s, .length = strlen(s)};
}

static struct acrn_value counted(const char *s, size_t length)
{
	return (struct acrn_value){.set = true, .text = s, .length = length};
}

static struct acrn_value number(long long n)
{
	return (struct acrn_value){.set = true, .number = n};
}

/* A string of `length` copies of `c`, freed by the caller. */
static char *repeat(char c, size_t length)
{
	char *s = malloc(length + 1);
	assert_non_null(s);
	memset(s, c, length);
	s[length] = '\0';
	return s;
}

static const struct acrn_target *target(const char *name)
{
	const struct acrn_target *found = acrn_target_find(name);
	assert_non_null(found);
	return found;
}

static struct acrn_error error;
static struct acrn_vm check_vm;

/* The context of a check: a VM of `release` (no devices, no options). */
static struct acrn_context context_for(const char *release, const char *owner, size_t device,
				       bool in_config, struct acrn_strings *warnings)
{
	memset(&check_vm, 0, sizeof check_vm);
	check_vm.target = target(release);
	return (struct acrn_context){.vm = &check_vm,
				     .owner = owner,
				     .device = device,
				     .in_config = in_config,
				     .warnings = warnings,
				     .error = &error};
}

static int check_in(const struct acrn_field *field, struct acrn_value value, const char *release,
		    bool in_config)
{
	memset(&error, 0, sizeof error);
	struct acrn_context context = context_for(release, OWNER, DEVICE, in_config, NULL);
	return acrn_value_check(&context, field, &value);
}

/* The value passes on `release`. */
static void accept_in(const struct acrn_field *field, struct acrn_value value, const char *release,
		      bool in_config)
{
	int rc = check_in(field, value, release, in_config);
	if (rc != 0)
		print_error("unexpected rejection: %s\n", error.message);
	assert_int_equal(rc, 0);
}

/* The value is rejected on `release` with a message that names the owner
 * and holds `word` (and `word2` unless NULL). */
static void reject_in(const struct acrn_field *field, struct acrn_value value, const char *release,
		      bool in_config, const char *word, const char *word2)
{
	int rc = check_in(field, value, release, in_config);
	if (rc == 0)
		print_error("unexpected acceptance of %s %.40s\n", field->name,
			    value.text ? value.text : "(number)");
	assert_int_equal(rc, -EINVAL);
	assert_int_equal(error.device, DEVICE);
	if (!strstr(error.message, word) || (word2 && !strstr(error.message, word2)))
		print_error("message: %s\nwanted: %s / %s\n", error.message, word,
			    word2 ? word2 : "");
	assert_non_null(strstr(error.message, OWNER));
	assert_non_null(strstr(error.message, field->name));
	assert_non_null(strstr(error.message, word));
	if (word2)
		assert_non_null(strstr(error.message, word2));
}

/* Most cases: target 3.3, inside a -s string. */
#define ACCEPT(field, value) accept_in(field, value, "3.3", true)
#define REJECT(field, value, word, word2) reject_in(field, value, "3.3", true, word, word2)

static const struct acrn_choice colours[] = {{.name = "red"}, {.name = "green"}, {.name = NULL}};
static const struct acrn_field f_string = {.name = "label", .type = ACRN_TYPE_STRING};
static const struct acrn_field f_path = {.name = "path", .type = ACRN_TYPE_PATH};
static const struct acrn_field f_bool = {.name = "flag", .type = ACRN_TYPE_BOOL};
static const struct acrn_field f_integer = {.name = "count",
					    .type = ACRN_TYPE_INTEGER,
					    .min = -5,
					    .max = 10};
static const struct acrn_field f_choice = {.name = "colour",
					   .type = ACRN_TYPE_CHOICE,
					   .choices = colours};
static const struct acrn_field f_mac = {.name = "mac", .type = ACRN_TYPE_MAC};
static const struct acrn_field f_ifname = {.name = "tap", .type = ACRN_TYPE_IFNAME};
static const struct acrn_field f_uuid = {.name = "uuid", .type = ACRN_TYPE_UUID};
static const struct acrn_field f_memory = {.name = "memory", .type = ACRN_TYPE_MEMORY};
static const struct acrn_field f_bootargs = {.name = "bootargs", .type = ACRN_TYPE_BOOTARGS};
static const struct acrn_field f_vmname = {.name = "name", .type = ACRN_TYPE_VMNAME};
static const struct acrn_field f_uart = {.name = "com1", .type = ACRN_TYPE_UART};
/* The catalogue's own virtio-console ports field (RECORDS). */
static const struct acrn_field *ports_field(void)
{
	const struct acrn_emulation *console = acrn_emulation_find("virtio-console");
	assert_non_null(console);
	int index = acrn_field_find(console, "ports");
	assert_true(index >= 0);
	assert_int_equal(console->fields[index].type, ACRN_TYPE_RECORDS);
	return &console->fields[index];
}
#define f_ports (*ports_field())

/* ---- types ------------------------------------------------------------------ */

/* MAC: unicast, non-zero, six colon-separated hex pairs, any case. */
static void mac_values(void **state)
{
	(void)state;
	ACCEPT(&f_mac, text("02:00:ca:fe:00:04"));
	ACCEPT(&f_mac, text("02:00:CA:FE:00:04"));
	ACCEPT(&f_mac, text("00:00:00:00:00:01"));
	REJECT(&f_mac, text("01:00:5e:00:00:01"), "multicast", "\"01:00:5e:00:00:01\"");
	REJECT(&f_mac, text("ff:ff:ff:ff:ff:ff"), "multicast", NULL);
	REJECT(&f_mac, text("00:00:00:00:00:00"), "all zero", NULL);
	REJECT(&f_mac, text("02:00:ca:fe:00"), "not a MAC address", NULL);
	REJECT(&f_mac, text("02-00-ca-fe-00-04"), "not a MAC address", NULL);
	REJECT(&f_mac, text("02:00:ca:fe:00:0g"), "not a MAC address", NULL);
	REJECT(&f_mac, text("02:00:ca:fe:00:044"), "not a MAC address", NULL);
	REJECT(&f_mac, text("2:000:ca:fe:00:04"), "not a MAC address", NULL);
	REJECT(&f_mac, text("+2:00:ca:fe:00:04"), "not a MAC address", NULL);
	REJECT(&f_mac, text(""), "not a MAC address", NULL);
}

/* IFNAME: 1-15 bytes, no '/', ':' or white space, not "." or "..". */
static void ifname_values(void **state)
{
	(void)state;
	ACCEPT(&f_ifname, text("tap0"));
	ACCEPT(&f_ifname, text("tap0_kata"));
	ACCEPT(&f_ifname, text("abcdefghijklmno")); /* 15 bytes */
	REJECT(&f_ifname, text("abcdefghijklmnop"), "15 bytes", "\"abcdefghijklmnop\"");
	REJECT(&f_ifname, text("tap/0"), "'/'", NULL);
	REJECT(&f_ifname, text("tap:0"), "':'", NULL);
	REJECT(&f_ifname, text("tap 0"), "white space", NULL);
	/* a tab is a control character: refused for every text, first */
	REJECT(&f_ifname, text("tap\t0"), "control character 0x09", NULL);
	REJECT(&f_ifname, text(""), "is empty", NULL);
	REJECT(&f_ifname, text(".."), "not an interface name", NULL);
}

/* UUID: libuuid's text form, 36 bytes. */
static void uuid_values(void **state)
{
	(void)state;
	ACCEPT(&f_uuid, text("a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f"));
	ACCEPT(&f_uuid, text("A7ADA506-1AB0-4B6B-A0DA-E513CA9B8C2F"));
	REJECT(&f_uuid, text("a7ada506-1ab0-4b6b-a0da-e513ca9b8c2"), "not a UUID", NULL);
	REJECT(&f_uuid, text("a7ada506-1ab0-4b6b-a0da-e513ca9b8c2ff"), "not a UUID", NULL);
	REJECT(&f_uuid, text("a7ada506x1ab0-4b6b-a0da-e513ca9b8c2f"), "not a UUID", NULL);
	REJECT(&f_uuid, text("g7ada506-1ab0-4b6b-a0da-e513ca9b8c2f"), "not a UUID", NULL);
	REJECT(&f_uuid, text("a7ada5061ab04b6ba0dae513ca9b8c2f"), "not a UUID", NULL);
	REJECT(&f_uuid, text(""), "not a UUID", NULL);
}

/* MEMORY as text ("2048M") or as a number of MiB; at least 128 MiB. */
static void memory_values(void **state)
{
	(void)state;
	ACCEPT(&f_memory, text("2048M"));
	ACCEPT(&f_memory, text("2G"));
	ACCEPT(&f_memory, text("131072k"));
	ACCEPT(&f_memory, text("128M"));
	REJECT(&f_memory, text("127M"), "127 MiB", "minimum of 128 MiB");
	REJECT(&f_memory, text("131071k"), "127 MiB", "minimum");
	REJECT(&f_memory, text("2048"), "no unit", "\"2048\"");
	REJECT(&f_memory, text("0100M"), "starts with 0", NULL);
	REJECT(&f_memory, text("2048MB"), "one unit", NULL);

	ACCEPT(&f_memory, number(128));
	ACCEPT(&f_memory, number(2048));
	ACCEPT(&f_memory, number(1LL << 40));
	REJECT(&f_memory, number(127), "127 MiB", "minimum of 128 MiB");
	REJECT(&f_memory, number(0), "0 MiB", "minimum");
	REJECT(&f_memory, number(-1), "-1 MiB", "minimum");
	REJECT(&f_memory, number((1LL << 40) + 1), "too large", NULL);
}

/* BOOTARGS: one string of at most 2047 bytes; ',' is fine outside -s. */
static void bootargs_values(void **state)
{
	(void)state;
	char *longest = repeat('a', ACRN_BOOTARGS_MAX), *too_long = repeat('a', 2048);
	accept_in(&f_bootargs, text(longest), "3.3", false);
	reject_in(&f_bootargs, text(too_long), "3.3", false, "2048 bytes", "at most 2047");
	accept_in(&f_bootargs, text("console=hvc0 root=/dev/vda1 rw a=b,c"), "3.3", false);
	accept_in(&f_bootargs, text(""), "3.3", false);
	reject_in(&f_bootargs, text("quiet\npanic=1"), "3.3", false, "line break", NULL);
	free(longest);
	free(too_long);
}

/* VMNAME: [A-Za-z0-9_.-], not empty, at most 15 bytes on 3.3 and 127 on 2.6. */
static void vmname_values(void **state)
{
	(void)state;
	ACCEPT(&f_vmname, text("sandbox-4f2c9a"));
	ACCEPT(&f_vmname, text("A.b_c-9"));
	ACCEPT(&f_vmname, text("abcdefghijklmno")); /* 15 */
	REJECT(&f_vmname, text("abcdefghijklmnop"), "16 bytes", "at most 15");
	accept_in(&f_vmname, text("abcdefghijklmnop"), "2.6", true);
	char *n127 = repeat('v', 127), *n128 = repeat('v', 128);
	accept_in(&f_vmname, text(n127), "2.6", true);
	reject_in(&f_vmname, text(n128), "2.6", true, "128 bytes", "at most 127");
	free(n127);
	free(n128);
	REJECT(&f_vmname, text("vm 1"), "character outside", NULL);
	REJECT(&f_vmname, text("vm/1"), "character outside", NULL);
	REJECT(&f_vmname, text("vm:1"), "character outside", NULL);
	REJECT(&f_vmname, text("vm\xc3\xa9"), "character outside", NULL);
	REJECT(&f_vmname, text(""), "is empty", NULL);
}

/* UART: stdio, tcp:1-65535, an absolute tty path, or "" for none. */
static void uart_values(void **state)
{
	(void)state;
	ACCEPT(&f_uart, text("stdio"));
	ACCEPT(&f_uart, text("tcp:4444"));
	ACCEPT(&f_uart, text("tcp:1"));
	ACCEPT(&f_uart, text("tcp:65535"));
	ACCEPT(&f_uart, text("/dev/ttyS1"));
	ACCEPT(&f_uart, text(""));
	REJECT(&f_uart, text("tcp:0"), "TCP port 1-65535", "\"tcp:0\"");
	REJECT(&f_uart, text("tcp:70000"), "TCP port 1-65535", NULL);
	REJECT(&f_uart, text("tcp:65536"), "TCP port", NULL);
	REJECT(&f_uart, text("tcp:"), "TCP port", NULL);
	REJECT(&f_uart, text("tcp:04444"), "TCP port", NULL);
	REJECT(&f_uart, text("tcp:44x"), "TCP port", NULL);
	REJECT(&f_uart, text("tcp:-1"), "TCP port", NULL);
	REJECT(&f_uart, text("foo"), "not a UART backend", "\"foo\"");
	REJECT(&f_uart, text("Stdio"), "not a UART backend", NULL);
	REJECT(&f_uart, text("dev/ttyS1"), "not a UART backend", NULL);
	REJECT(&f_uart, text("/dev/tty,S1"), "','", NULL);
}

/* PATH: not empty, shorter than 1024 bytes. */
static void path_values(void **state)
{
	(void)state;
	char *longest = repeat('p', ACRN_PATH_MAX - 1), *too_long = repeat('p', ACRN_PATH_MAX);
	longest[0] = too_long[0] = '/';
	ACCEPT(&f_path, text("/img"));
	ACCEPT(&f_path, text(longest));
	REJECT(&f_path, text(too_long), "too long", "1024 bytes");
	assert_non_null(strstr(error.message, "(1024 bytes)")); /* shown cut, with length */
	REJECT(&f_path, text(""), "is empty", NULL);
	free(longest);
	free(too_long);
}

/* STRING: anything but empty (and the text rules). */
static void string_values(void **state)
{
	(void)state;
	ACCEPT(&f_string, text("hello world"));
	REJECT(&f_string, text(""), "is empty", NULL);
}

/* CHOICE: one of the listed words; the message lists them. */
static void choice_values(void **state)
{
	(void)state;
	ACCEPT(&f_choice, text("red"));
	ACCEPT(&f_choice, text("green"));
	REJECT(&f_choice, text("blue"), "is not one of red, green", "\"blue\"");
	REJECT(&f_choice, text("Red"), "is not one of", NULL);
	REJECT(&f_choice, text(""), "is not one of", NULL);

	const struct acrn_emulation *blk = acrn_emulation_find("virtio-blk");
	const struct acrn_field *cache = &blk->fields[acrn_field_find(blk, "cache")];
	ACCEPT(cache, text("writeback"));
	ACCEPT(cache, text("writethru"));
	REJECT(cache, text("none"), "is not one of writeback, writethru", NULL);
}

/* INTEGER: between min and max, both included. */
static void integer_values(void **state)
{
	(void)state;
	ACCEPT(&f_integer, number(-5));
	ACCEPT(&f_integer, number(0));
	ACCEPT(&f_integer, number(10));
	REJECT(&f_integer, number(-6), "-6 is out of range -5-10", NULL);
	REJECT(&f_integer, number(11), "11 is out of range", NULL);

	const struct acrn_emulation *blk = acrn_emulation_find("virtio-blk");
	const struct acrn_field *drive = &blk->fields[acrn_field_find(blk, "drive")];
	ACCEPT(drive, number(0));
	ACCEPT(drive, number(1023));
	REJECT(drive, number(1024), "out of range 0-1023", NULL);
	REJECT(drive, number(-1), "out of range 0-1023", NULL);
}

/* BOOL: any set value passes; no text is read. */
static void bool_values(void **state)
{
	(void)state;
	ACCEPT(&f_bool, ((struct acrn_value){.set = true, .flag = true}));
	ACCEPT(&f_bool, ((struct acrn_value){.set = true, .flag = false}));
}

/* A counted string longer than its strlen holds a NUL: refused everywhere,
 * and the message shows the NUL escaped. */
static void nul_inside_counted_string(void **state)
{
	(void)state;
	REJECT(&f_path, counted("/img\0/x", 7), "NUL byte", "\"/img\\x00/x\"");
	REJECT(&f_string, counted("ab\0", 3), "NUL byte", NULL);
	REJECT(&f_vmname, counted("vm\0evil", 7), "NUL byte", NULL);
	REJECT(&f_uart, counted("stdio\0", 6), "NUL byte", NULL);
	REJECT(&f_memory, counted("2048M\0", 6), "NUL byte", NULL);
	reject_in(&f_bootargs, counted("quiet\0x", 7), "3.3", false, "NUL byte", NULL);
}

/* Line breaks are refused in every text, shown escaped. */
static void line_break(void **state)
{
	(void)state;
	REJECT(&f_path, text("/img\n-s 3,virtio-rnd"), "line break", "\"/img\\n-s 3,virtio-rnd\"");
	reject_in(&f_path, text("/img\r"), "3.3", false, "line break", NULL);
	REJECT(&f_string, text("\n"), "line break", NULL);
}

/* ',' splits a -s or -l string: refused only when in_config. */
static void comma_only_in_config(void **state)
{
	(void)state;
	reject_in(&f_path, text("/img,ro"), "3.3", true, "','", "split");
	accept_in(&f_path, text("/img,ro"), "3.3", false);
	reject_in(&f_string, text("a,b"), "3.3", true, "','", NULL);
	accept_in(&f_string, text("a,b"), "3.3", false);
}

/* Release ranges: before `since` and from `removed` on are errors; from
 * `ignored` on the value passes with a warning. */
static void releases(void **state)
{
	(void)state;
	struct acrn_field since = {.name = "newthing",
				   .type = ACRN_TYPE_STRING,
				   .releases = {.since = ACRN_RELEASE(3, 0)}};
	struct acrn_field removed = {.name = "oldthing",
				     .type = ACRN_TYPE_STRING,
				     .releases = {.removed = ACRN_RELEASE(2, 7)}};
	struct acrn_field ignored = {.name = "noop",
				     .type = ACRN_TYPE_STRING,
				     .releases = {.ignored = ACRN_RELEASE(3, 0)}};
	reject_in(&since, text("x"), "2.6", true, "needs ACRN 3.0 or later", "target 2.6");
	accept_in(&since, text("x"), "3.3", true);
	reject_in(&removed, text("x"), "3.3", true, "removed in ACRN 2.7", "target 3.3");
	accept_in(&removed, text("x"), "2.6", true);

	struct acrn_strings warnings = {0};
	struct acrn_value value = text("x");
	struct acrn_context context = context_for("3.3", OWNER, DEVICE, true, &warnings);
	assert_int_equal(acrn_value_check(&context, &ignored, &value), 0);
	assert_int_equal(warnings.count, 1);
	assert_non_null(strstr(warnings.items[0], OWNER));
	assert_non_null(strstr(warnings.items[0], "noop"));
	assert_non_null(strstr(warnings.items[0], "ignored"));
	assert_non_null(strstr(warnings.items[0], "3.0"));
	/* not yet ignored on 2.6: no warning */
	context = context_for("2.6", OWNER, DEVICE, true, &warnings);
	assert_int_equal(acrn_value_check(&context, &ignored, &value), 0);
	assert_int_equal(warnings.count, 1);
	acrn_strings_free(&warnings);
	/* with no vector, the warning is simply dropped */
	ACCEPT(&ignored, text("x"));

	/* a removed flag that asks for nothing, and an unset value, pass */
	struct acrn_field removed_flag = {.name = "oldflag",
					  .type = ACRN_TYPE_BOOL,
					  .releases = {.removed = ACRN_RELEASE(2, 7)}};
	ACCEPT(&removed_flag, ((struct acrn_value){.set = true, .flag = false}));
	ACCEPT(&removed_flag, ((struct acrn_value){0}));
	REJECT(&removed_flag, ((struct acrn_value){.set = true, .flag = true}), "removed", NULL);

	/* the catalogue's own uuid option */
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	const struct acrn_field *uuid = &options[acrn_option_find("uuid")].field;
	REJECT(uuid, text("a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f"), "removed in ACRN 2.7", NULL);
	accept_in(uuid, text("a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f"), "2.6", false);
}

/* A required field left out is an error; an optional one is fine. */
static void required_fields(void **state)
{
	(void)state;
	struct acrn_field required = {.name = "needed", .type = ACRN_TYPE_PATH, .required = true};
	REJECT(&required, ((struct acrn_value){0}), "is required", NULL);
	ACCEPT(&required, text("/img"));
	ACCEPT(&f_path, ((struct acrn_value){0}));

	/* a VM field (no owner) starts the message with the field's name */
	struct acrn_value unset = {0};
	struct acrn_context vm_context = context_for("3.3", "", 0, false, NULL);
	assert_int_equal(acrn_value_check(&vm_context, &required, &unset), -EINVAL);
	assert_int_equal(error.device, 0);
	assert_string_equal(error.message, "needed is required");

	const struct acrn_emulation *net = acrn_emulation_find("virtio-net");
	REJECT(&net->fields[acrn_field_find(net, "tap")], ((struct acrn_value){0}), "is required",
	       NULL);
}

/* ---- ports -------------------------------------------------------------------- */

/* One console port: the items of its record, by the record's field names. */
struct port {
	struct acrn_value items[ACRN_FIELDS_MAX];
};

static size_t port_item(const char *name)
{
	int index = acrn_record_find(f_ports.record, name);
	assert_true(index >= 0);
	return (size_t)index;
}

static struct port port(const char *backend, const char *name, const char *path, const char *mode)
{
	struct port p = {0};
	const char *texts[] = {backend, name, path, mode};
	const char *names[] = {"backend", "name", "path", "mode"};
	for (size_t i = 0; i < 4; i++)
		if (texts[i])
			p.items[port_item(names[i])] = text(texts[i]);
	return p;
}

static void set_console(struct port *p)
{
	p->items[port_item("console")] = (struct acrn_value){.set = true, .flag = true};
}

/* A RECORDS value of `count` ports, their items flattened one after the other. */
static struct acrn_value port_pool[(ACRN_CONSOLE_PORTS_MAX + 1) * 8];

static struct acrn_value ports(const struct port *list, size_t count)
{
	size_t width = f_ports.record->count;
	assert_true(count * width <= sizeof port_pool / sizeof port_pool[0]);
	for (size_t i = 0; i < count; i++)
		memcpy(&port_pool[i * width], list[i].items, width * sizeof port_pool[0]);
	return (struct acrn_value){.set = true, .items = port_pool, .count = count};
}

#define PORTS(...)                                \
	ports((const struct port[]){__VA_ARGS__}, \
	      sizeof((const struct port[]){__VA_ARGS__}) / sizeof(struct port))

/* Every backend in its proper form passes. */
static void ports_good(void **state)
{
	(void)state;
	struct port console = port("socket", "console0", "/run/vc/console.sock", NULL);
	set_console(&console);
	ACCEPT(&f_ports, PORTS(console, port("stdio", NULL, NULL, NULL),
			       port("pty", "p", NULL, NULL), port("tty", NULL, "/dev/pts/3", NULL),
			       port("file", "log", "/var/log/vm:1.log", NULL),
			       port("socket", "agent.channel.0", "/run/kata.sock", "server"),
			       port("socket", "c", "/run/c.sock", "client")));
}

/* An unknown backend is named. */
static void ports_unknown_backend(void **state)
{
	(void)state;
	REJECT(&f_ports, PORTS(port("pty", NULL, NULL, NULL), port("pipe", NULL, "/x", NULL)),
	       "ports[2]: backend \"pipe\"", "not one of stdio, pty, tty, file, socket");
	REJECT(&f_ports, PORTS(port("", NULL, NULL, NULL)), "backend \"\"", NULL);
}

/* tty, file and socket need a path; stdio and pty take none. */
static void ports_path_needed_or_forbidden(void **state)
{
	(void)state;
	REJECT(&f_ports, PORTS(port("tty", NULL, NULL, NULL)), "ports[1]: backend tty needs a path",
	       NULL);
	REJECT(&f_ports, PORTS(port("file", "f", NULL, NULL)), "backend file needs a path", NULL);
	REJECT(&f_ports, PORTS(port("socket", "s", NULL, NULL)), "backend socket needs a path",
	       NULL);
	REJECT(&f_ports, PORTS(port("stdio", NULL, "/dev/null", NULL)),
	       "backend stdio takes no path", NULL);
	REJECT(&f_ports, PORTS(port("pty", NULL, NULL, NULL), port("pty", "x", "/dev/null", NULL)),
	       "ports[2]: backend pty takes no path", NULL);
}

/* A port's path follows the path rules and may not hold ',' or a NUL; a
 * socket's may not hold ':' either. */
static void ports_path_rules(void **state)
{
	(void)state;
	REJECT(&f_ports, PORTS(port("socket", "s", "/run/a:b.sock", NULL)), "socket path",
	       "contains ':'");
	REJECT(&f_ports, PORTS(port("file", "f", "/var/a,b", NULL)), "ports[1]: path",
	       "contains ','");
	struct port nul = port("file", "f", "/var/a\0b", NULL);
	nul.items[port_item("path")].length = 8;
	REJECT(&f_ports, PORTS(nul), "ports[1]: path", "NUL");
	REJECT(&f_ports, PORTS(port("tty", "t", "", NULL)), "ports[1]: path is empty", NULL);
	char *too_long = repeat('x', ACRN_PATH_MAX);
	REJECT(&f_ports, PORTS(port("file", "f", too_long, NULL)), "ports[1]: path", "too long");
	free(too_long);
}

/* mode is for socket ports only, and only server or client. */
static void ports_mode(void **state)
{
	(void)state;
	REJECT(&f_ports, PORTS(port("file", "f", "/var/log/x", "server")),
	       "mode is only for socket ports, not file", NULL);
	REJECT(&f_ports, PORTS(port("pty", "p", NULL, "client")), "only for socket ports", NULL);
	REJECT(&f_ports, PORTS(port("socket", "s", "/run/s.sock", "listen")),
	       "mode \"listen\" is not one of server, client", NULL);
	REJECT(&f_ports, PORTS(port("socket", "s", "/run/s.sock", "")), "is not one of server",
	       NULL);
}

/* At most one console port per device. */
static void ports_two_consoles(void **state)
{
	(void)state;
	struct port a = port("pty", "a", NULL, NULL), b = port("pty", "b", NULL, NULL);
	set_console(&a);
	set_console(&b);
	REJECT(&f_ports, PORTS(a, port("pty", "c", NULL, NULL), b), "2 ports are marked console",
	       NULL);
}

/* 1 to 16 ports. */
static void ports_count(void **state)
{
	(void)state;
	struct port list[17];
	for (size_t i = 0; i < 17; i++)
		list[i] = port("pty", NULL, NULL, NULL);
	REJECT(&f_ports, ports(list, 0), "ports is empty", NULL);
	ACCEPT(&f_ports, ports(list, 1));
	ACCEPT(&f_ports, ports(list, 16));
	REJECT(&f_ports, ports(list, 17), "17 items", "at most 16");
}

/* A port name holds none of , : = @ NUL or line breaks, and is not empty;
 * each refusal names the port, the field and says why. */
static void ports_bad_names(void **state)
{
	(void)state;
	static const struct {
		const char *name, *why;
	} bad[] = {
		{"a:b", "contains one of , : = @"},
		{"a=b", "contains one of , : = @"},
		{"a,b", "contains ','"},
		{"@a", "contains one of , : = @"},
		{"a\nb", "line break"},
		{"", "is empty"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		REJECT(&f_ports, PORTS(port("pty", bad[i].name, NULL, NULL)), "ports[1]: name",
		       bad[i].why);
	struct port nul = port("pty", "ab\0c", NULL, NULL);
	nul.items[port_item("name")].length = 4;
	REJECT(&f_ports, PORTS(nul), "ports[1]: name \"ab\\x00c\"", NULL);
}

/* ---- the new catalogue's types and helpers ------------------------------------ */

/* A BDF value: the forms acrn_bdf_parse takes (test_parsers.c), refused
 * otherwise with the reason. */
static void bdf_values(void **state)
{
	(void)state;
	static const struct acrn_field f_bdf = {.name = "bdf", .type = ACRN_TYPE_BDF};
	ACCEPT(&f_bdf, text("00:1f.3"));
	ACCEPT(&f_bdf, text("0/1f/3"));
	REJECT(&f_bdf, text("00:20.0"), "\"00:20.0\"", "not a host PCI device");
	REJECT(&f_bdf, text("0/1f/3,x"), "','", NULL);
	REJECT(&f_bdf, counted("0/1f/3\0", 7), "NUL byte", NULL);
}

/* acrn_record_find by field name; acrn_record_items steps whole records. */
static void record_helpers(void **state)
{
	(void)state;
	const struct acrn_record *record = f_ports.record;
	static const char *const names[] = {"backend", "name", "path", "mode", "console"};
	assert_int_equal(record->count, 5);
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(acrn_record_find(record, names[i]), (int)i);
	assert_int_equal(acrn_record_find(record, "Backend"), -1);
	assert_int_equal(acrn_record_find(record, ""), -1);

	struct acrn_value items[15] = {0};
	struct acrn_value value = {.set = true, .items = items, .count = 3};
	assert_ptr_equal(acrn_record_items(&f_ports, &value, 0), &items[0]);
	assert_ptr_equal(acrn_record_items(&f_ports, &value, 1), &items[5]);
	assert_ptr_equal(acrn_record_items(&f_ports, &value, 2), &items[10]);
}

static const struct acrn_field *blk_field(const char *name)
{
	const struct acrn_emulation *blk = acrn_emulation_find("virtio-blk");
	int index = acrn_field_find(blk, name);
	assert_true(index >= 0);
	return &blk->fields[index];
}

/* A `flag_ok` field: `true` alone passes; a number or text given instead is
 * checked like any other (iothread 1-64, discard A:B:C). */
static void flag_ok_values(void **state)
{
	(void)state;
	const struct acrn_field *iothread = blk_field("iothread");
	const struct acrn_field *discard = blk_field("discard");
	struct acrn_value on = {.set = true, .flag = true};
	ACCEPT(iothread, on);
	ACCEPT(iothread, number(1));
	ACCEPT(iothread, number(40));
	REJECT(iothread, number(0), "iothread 0 is out of range 1-40", NULL);
	REJECT(iothread, number(41), "iothread 41 is out of range 1-40", NULL);
	REJECT(iothread, number(-1), "out of range", NULL);
	reject_in(iothread, on, "3.0", true, "needs ACRN 3.1", NULL);
	ACCEPT(discard, on);
	ACCEPT(discard, text("8:1:0"));
	ACCEPT(discard, text("4294967295:0:0"));
	REJECT(discard, text("8:1"), "discard \"8:1\"", "MAX_SECTORS");
	REJECT(discard, text("8:-1:0"), "discard \"8:-1:0\"", NULL);
	REJECT(discard, text("+8:1:0"), "discard \"+8:1:0\"", NULL);
	REJECT(discard, text(" 8:1:0"), "discard \" 8:1:0\"", NULL);
	REJECT(discard, text("8:1:0:"), "discard", NULL);
	REJECT(discard, text("8::0"), "discard", NULL);
	REJECT(discard, text(""), "discard", NULL);
}

/* The catalogue's small grammars, one value at a time. */
static void catalogue_grammars(void **state)
{
	(void)state;
	const struct acrn_field *sectorsize = blk_field("sectorsize"), *range = blk_field("range");
	ACCEPT(sectorsize, text("512"));
	ACCEPT(sectorsize, text("4096/4096"));
	REJECT(sectorsize, text("4096/"), "sectorsize \"4096/\"", "LOGICAL/PHYSICAL");
	REJECT(sectorsize, text("x"), "LOGICAL", NULL);
	ACCEPT(range, text("2048/204800"));
	REJECT(range, text("2048"), "range \"2048\"", "START_LBA/SECTORS");

	const struct acrn_emulation *xhci = acrn_emulation_find("xhci");
	const struct acrn_field *port = xhci->fields[acrn_field_find(xhci, "ports")].element;
	ACCEPT(port, text("1-2"));
	ACCEPT(port, text("10-14"));
	const char *bad_ports[] = {"1-2x", "1--2", "1- 2", "x-2", "1", "-1-2", "1-", "1-+2"};
	for (size_t i = 0; i < sizeof bad_ports / sizeof bad_ports[0]; i++)
		REJECT(port, text(bad_ports[i]), "BUS-PORT", NULL);

	const struct acrn_emulation *vsock = acrn_emulation_find("vhost-vsock");
	const struct acrn_field *cid = &vsock->fields[acrn_field_find(vsock, "cid")];
	ACCEPT(cid, number(3));
	ACCEPT(cid, number(0xfffffffeLL));
	REJECT(cid, number(2), "cid 2", "3 <= cid < 0xffffffff");
	REJECT(cid, number(0xffffffffLL), "cid 4294967295", NULL);

	const struct acrn_emulation *ivshmem = acrn_emulation_find("ivshmem");
	const struct acrn_field *size = &ivshmem->fields[acrn_field_find(ivshmem, "size")];
	const long long powers[] = {2, 4, 8, 16, 32, 64, 128, 256, 512};
	for (size_t i = 0; i < sizeof powers / sizeof powers[0]; i++)
		ACCEPT(size, number(powers[i]));
	REJECT(size, number(3), "size 3 is not a power of two", NULL);
	REJECT(size, number(96), "size 96 is not a power of two", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mac_values),
		cmocka_unit_test(ifname_values),
		cmocka_unit_test(uuid_values),
		cmocka_unit_test(memory_values),
		cmocka_unit_test(bootargs_values),
		cmocka_unit_test(vmname_values),
		cmocka_unit_test(uart_values),
		cmocka_unit_test(path_values),
		cmocka_unit_test(string_values),
		cmocka_unit_test(choice_values),
		cmocka_unit_test(integer_values),
		cmocka_unit_test(bool_values),
		cmocka_unit_test(nul_inside_counted_string),
		cmocka_unit_test(line_break),
		cmocka_unit_test(comma_only_in_config),
		cmocka_unit_test(releases),
		cmocka_unit_test(required_fields),
		cmocka_unit_test(ports_good),
		cmocka_unit_test(ports_unknown_backend),
		cmocka_unit_test(ports_path_needed_or_forbidden),
		cmocka_unit_test(ports_path_rules),
		cmocka_unit_test(ports_mode),
		cmocka_unit_test(ports_two_consoles),
		cmocka_unit_test(ports_count),
		cmocka_unit_test(ports_bad_names),
		cmocka_unit_test(bdf_values),
		cmocka_unit_test(record_helpers),
		cmocka_unit_test(flag_ok_values),
		cmocka_unit_test(catalogue_grammars),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
