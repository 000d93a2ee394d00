/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The catalogue: every emulation and global option acrn-launch knows, as
 * data (acrn-dm.md).  Validation, rendering, the Lua constructors, the
 * reference in doc/devices.md and completion all read these tables; a rule
 * or text function exists only where acrn-dm's grammar is not a list of
 * fields.
 */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define R(major, minor) ACRN_RELEASE(major, minor)
#define FIELDS(array) .fields = (array), .field_count = sizeof(array) / sizeof((array)[0])
#define RECORD(array) {(array), sizeof(array) / sizeof((array)[0]), NULL}
#define RECORD_RULE(array, rule) {(array), sizeof(array) / sizeof((array)[0]), (rule)}

/* Field indexes of the emulations whose rules look at several fields. */
enum { BLK_IOTHREAD, BLK_MQ, BLK_PATH, BLK_NODISK };
enum { NET_TAP, NET_MAC_SEED, NET_VHOST, NET_MAC, NET_MACVTAP };
enum { PORT_BACKEND, PORT_NAME, PORT_PATH, PORT_MODE, PORT_CONSOLE };
enum { UART_VUART, UART_BACKEND };
enum { XHCI_PORTS, XHCI_TABLET, XHCI_LOG, XHCI_CAP };
enum { OVMF_PATH, OVMF_CODE, OVMF_VARS, OVMF_WRITABLE };
enum { CPUS_CPUS, CPUS_LAPIC_IDS, CPUS_OFFLINE };
enum { SSRAM_CACHE, SSRAM_VCPUS, SSRAM_ALL, SSRAM_SIZE };
enum { ACPIDEV_HID, ACPIDEV_UID };

/* ---- small grammar checks -------------------------------------------------- */

/* Fails with "OWNER: NAME VALUE WHY" for the value in `context`. */
static int refuse(const struct acrn_context *context, const struct acrn_field *field,
		  const struct acrn_value *value, const char *why)
{
	char shown[128];
	return acrn_fail(context->error, context->device, "%s%s%s %s %s", context->owner,
			 acrn_sep(context->owner), field->name,
			 acrn_describe(value->text ? value->text : "", value->length, shown), why);
}

/* True when `text` is all decimal digits (and not empty). */
static bool decimal(const char *text, size_t length)
{
	if (length == 0)
		return false;
	for (size_t i = 0; i < length; i++)
		if (!isdigit((unsigned char)text[i]))
			return false;
	return true;
}

/* "A/B" or, where `single` allows, "A": decimal numbers. */
static bool number_pair(const char *text, bool single)
{
	const char *slash = strchr(text, '/');
	if (!slash)
		return single && decimal(text, strlen(text));
	return decimal(text, (size_t)(slash - text)) && decimal(slash + 1, strlen(slash + 1));
}

static int sectorsize_rule(const struct acrn_context *context, const struct acrn_field *field,
			   const struct acrn_value *value)
{
	if (number_pair(value->text, true))
		return 0;
	return refuse(context, field, value, "is not LOGICAL or LOGICAL/PHYSICAL, like \"4096\"");
}

static int range_rule(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value)
{
	if (number_pair(value->text, false))
		return 0;
	return refuse(context, field, value, "is not START_LBA/SECTORS, like \"2048/204800\"");
}

/* N:N:N… with `count` decimal numbers. */
static bool decimal_fields(const char *text, char separator, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		size_t length = strcspn(text, (char[]){separator, '\0'});
		if (!decimal(text, length) || (i + 1 < count) != (text[length] == separator))
			return false;
		text += length + (i + 1 < count);
	}
	return true;
}

static int discard_rule(const struct acrn_context *context, const struct acrn_field *field,
			const struct acrn_value *value)
{
	if (!value->text || decimal_fields(value->text, ':', 3))
		return 0;
	return refuse(context, field, value,
		      "is not true or MAX_SECTORS:MAX_SEGMENTS:ALIGNMENT, like \"8:1:0\"");
}

static int xhci_port_rule(const struct acrn_context *context, const struct acrn_field *field,
			  const struct acrn_value *value)
{
	if (decimal_fields(value->text, '-', 2))
		return 0;
	return refuse(context, field, value, "is not a host USB port BUS-PORT, like \"1-2\"");
}

static int size_rule(const struct acrn_context *context, const struct acrn_field *field,
		     const struct acrn_value *value)
{
	size_t n = value->length;
	if (n >= 2 && decimal(value->text, n - 1) && strchr("KM", value->text[n - 1]))
		return 0;
	return refuse(context, field, value, "is not a size like \"512K\" or \"2M\"");
}

static int geometry_rule(const struct acrn_context *context, const struct acrn_field *field,
			 const struct acrn_value *value)
{
	unsigned w, h, n;
	int x, y;
	char tail;
	if (sscanf(value->text, "%ux%u+%d+%d%c", &w, &h, &x, &y, &tail) == 4 ||
	    sscanf(value->text, "fullscreen:%u%c", &n, &tail) == 1)
		return 0;
	return refuse(context, field, value,
		      "is not WIDTHxHEIGHT+X+Y or fullscreen:N, like \"1920x1080+0+0\"");
}

/* A name acrn-dm reads inside a larger grammar: no separator of it. */
static int plain_name_rule(const struct acrn_context *context, const struct acrn_field *field,
			   const struct acrn_value *value)
{
	if (!strpbrk(value->text, ",:=@{}/ ;"))
		return 0;
	return refuse(context, field, value, "contains one of , : = @ { } / ; or a space");
}

static int gpio_line_rule(const struct acrn_context *context, const struct acrn_field *field,
			  const struct acrn_value *value)
{
	const char *equals = strchr(value->text, '=');
	if (!strpbrk(value->text, ",:@{} ") && (!equals || (equals != value->text &&
							      !strchr(equals + 1, '='))))
		return 0;
	return refuse(context, field, value, "is not OFFSET, NAME or NAME=VNAME");
}

static int pm_by_vuart_rule(const struct acrn_context *context, const struct acrn_field *field,
			    const struct acrn_value *value)
{
	if ((strncmp(value->text, "pty,", 4) == 0 || strncmp(value->text, "tty,", 4) == 0) &&
	    value->text[4] == '/')
		return 0;
	return refuse(context, field, value, "is not pty,PATH or tty,PATH");
}

static bool power_of_two(long long n)
{
	return n > 0 && (n & (n - 1)) == 0;
}

/* ---- rules about a device or a table as a whole ---------------------------- */

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

/* The VM's mac_seed, where from 3.0 it goes into each virtio-net. */
static const struct acrn_value *inherited_mac_seed(const struct acrn_vm *vm)
{
	int option = acrn_option_find("mac_seed");
	if (vm->target->release < R(3, 0) || option < 0 || !vm->options[option].set)
		return NULL;
	return &vm->options[option];
}

static int virtio_net_rule(const struct acrn_vm *vm, const struct acrn_device *device,
			   size_t index, struct acrn_error *error)
{
	char owner[96], shown[128];
	const struct acrn_value *tap = &device->values[NET_TAP];
	acrn_device_owner(device, index, owner);
	/* Up to 2.7, acrn-dm opens the interface only for these prefixes. */
	if (vm->target->release <= R(2, 7) && strncmp(tap->text, "tap", 3) != 0 &&
	    strncmp(tap->text, "vmnet", 5) != 0)
		return acrn_fail(error, index,
				 "%s: tap %s must start with \"tap\" or \"vmnet\": acrn-dm %s opens "
				 "no other interface (a macvtap must be named so too)",
				 owner, acrn_describe(tap->text, tap->length, shown),
				 vm->target->name);
	/* mac_seed= swallows the rest of the string: nothing may follow it */
	if (device->values[NET_MAC_SEED].set &&
	    (device->values[NET_MAC].set || device->values[NET_VHOST].flag))
		return acrn_fail(error, index,
				 "%s: mac_seed cannot go with mac or vhost: acrn-dm reads "
				 "everything after mac_seed= as the seed",
				 owner);
	if (inherited_mac_seed(vm) && !device->values[NET_MAC].set &&
	    device->values[NET_VHOST].flag)
		return acrn_fail(error, index,
				 "%s: the VM's mac_seed goes into this device from ACRN 3.0, where "
				 "it cannot go with vhost; give the device a mac",
				 owner);
	return 0;
}

/* tap, then mac_seed (its own, or the VM's from 3.0 when it has no mac), then
 * vhost and mac: mac_seed must come right after tap= and end the string. */
static int virtio_net_text(const struct acrn_context *context, const struct acrn_device *device,
			   char *buffer, size_t size)
{
	const struct acrn_emulation *emulation = device->emulation;
	struct acrn_value values[ACRN_FIELDS_MAX];
	size_t at = 0;
	memcpy(values, device->values, emulation->field_count * sizeof values[0]);
	const struct acrn_value *seed = inherited_mac_seed(context->vm);
	if (!values[NET_MAC_SEED].set && !values[NET_MAC].set && seed)
		values[NET_MAC_SEED] = *seed;
	buffer[0] = '\0';
	return acrn_render_fields(context, emulation->fields, emulation->field_count, values,
				  buffer, size, &at);
}

static int uart_rule(const struct acrn_vm *vm, const struct acrn_device *device, size_t index,
		     struct acrn_error *error)
{
	(void)vm;
	char owner[96];
	if (device->values[UART_VUART].set == device->values[UART_BACKEND].set)
		return acrn_fail(error, index, "%s: give exactly one of vuart_idx and backend",
				 acrn_device_owner(device, index, owner));
	return 0;
}

/* vuart_idx:N */
static int vuart_text(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value, char *buffer, size_t size)
{
	(void)context;
	int n = snprintf(buffer, size, "%s:%lld", field->name, value->number);
	return n >= 0 && (size_t)n < size ? 0 : -ENOSPC;
}

/* sock_path=PATH */
static int vtpm2_text(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value, char *buffer, size_t size)
{
	(void)context;
	(void)field;
	int n = snprintf(buffer, size, "sock_path=%s", value->text);
	return n >= 0 && (size_t)n < size ? 0 : -ENOSPC;
}

static int ivshmem_size_rule(const struct acrn_context *context, const struct acrn_field *field,
			     const struct acrn_value *value)
{
	if (power_of_two(value->number))
		return 0;
	return acrn_fail(context->error, context->device, "%s: %s %lld is not a power of two",
			 context->owner, field->name, value->number);
}

static int vsock_cid_rule(const struct acrn_context *context, const struct acrn_field *field,
			  const struct acrn_value *value)
{
	(void)field;
	if (value->number >= 3 && value->number < 0xffffffffLL)
		return 0;
	return acrn_fail(context->error, context->device,
			 "%s: cid %lld is out of range: 3 <= cid < 0xffffffff", context->owner,
			 value->number);
}

/* xhci: BUS-PORT[,BUS-PORT…][:tablet][:log=X][:cap=apl] */
static int xhci_text(const struct acrn_context *context, const struct acrn_device *device,
		     char *buffer, size_t size)
{
	const struct acrn_value *values = device->values;
	const struct acrn_field *fields = device->emulation->fields;
	size_t at = 0;
	int rc = 0;
	buffer[0] = '\0';
	if (values[XHCI_PORTS].set) {
		rc = acrn_render_value(context, &fields[XHCI_PORTS], &values[XHCI_PORTS], buffer,
				       size);
		at = strlen(buffer);
	}
	if (rc == 0 && values[XHCI_TABLET].flag)
		at += (size_t)snprintf(buffer + at, size - at, "%stablet", at ? ":" : "");
	if (rc == 0 && at < size && values[XHCI_LOG].set)
		at += (size_t)snprintf(buffer + at, size - at, "%slog=%s", at ? ":" : "",
				       values[XHCI_LOG].text);
	if (rc == 0 && at < size && values[XHCI_CAP].set)
		at += (size_t)snprintf(buffer + at, size - at, "%scap=%s", at ? ":" : "",
				       values[XHCI_CAP].text);
	if (rc == 0 && at >= size)
		rc = -ENOSPC;
	return rc;
}

static int xhci_rule(const struct acrn_vm *vm, const struct acrn_device *device, size_t index,
		     struct acrn_error *error)
{
	(void)vm;
	char owner[96];
	if (!device->values[XHCI_PORTS].set && !device->values[XHCI_TABLET].flag)
		return acrn_fail(error, index,
				 "%s: needs ports or tablet = true (acrn-dm requires a "
				 "configuration)",
				 acrn_device_owner(device, index, owner));
	return 0;
}

static int port_name_rule(const struct acrn_context *context, const struct acrn_field *field,
			  const struct acrn_value *value)
{
	if (!strpbrk(value->text, ",:=@"))
		return 0;
	return refuse(context, field, value, "contains one of , : = @, which acrn-dm splits at");
}

/* One console port: which backends take a path, the socket's ':' */
static int console_port_rule(const struct acrn_context *context, const struct acrn_field *field,
			     const struct acrn_value *port)
{
	(void)field;
	const struct acrn_value *items = port->items;
	const char *backend = items[PORT_BACKEND].text;
	bool wants_path = strcmp(backend, "stdio") != 0 && strcmp(backend, "pty") != 0;
	bool socket = strcmp(backend, "socket") == 0;
	char shown[128];
	if (!wants_path && items[PORT_PATH].set)
		return acrn_fail(context->error, context->device, "%s: backend %s takes no path",
				 context->owner, backend);
	if (wants_path && !items[PORT_PATH].set)
		return acrn_fail(context->error, context->device, "%s: backend %s needs a path",
				 context->owner, backend);
	if (socket && strchr(items[PORT_PATH].text, ':'))
		return acrn_fail(context->error, context->device,
				 "%s: socket path %s contains ':' which acrn-dm reads as the start "
				 "of :server or :client",
				 context->owner,
				 acrn_describe(items[PORT_PATH].text, items[PORT_PATH].length,
					       shown));
	if (!socket && items[PORT_MODE].set)
		return acrn_fail(context->error, context->device,
				 "%s: mode is only for socket ports, not %s", context->owner,
				 backend);
	return 0;
}

static int console_ports_rule(const struct acrn_context *context, const struct acrn_field *field,
			      const struct acrn_value *value)
{
	size_t consoles = 0;
	for (size_t i = 0; i < value->count; i++)
		consoles += acrn_record_items(field, value, i)[PORT_CONSOLE].flag;
	if (consoles > 1)
		return acrn_fail(context->error, context->device,
				 "%s: ports: %zu ports are marked console; acrn-dm has one console "
				 "port per device",
				 context->owner, consoles);
	return 0;
}

/* [@]BACKEND:NAME[=PATH][:MODE], ','-joined */
static int console_ports_text(const struct acrn_context *context, const struct acrn_field *field,
			      const struct acrn_value *value, char *buffer, size_t size)
{
	(void)context;
	size_t at = 0;
	buffer[0] = '\0';
	for (size_t i = 0; i < value->count && at < size; i++) {
		const struct acrn_value *port = acrn_record_items(field, value, i);
		const char *backend = port[PORT_BACKEND].text;
		at += (size_t)snprintf(buffer + at, size - at, "%s%s%s:", i ? "," : "",
				       port[PORT_CONSOLE].flag ? "@" : "", backend);
		if (at < size && port[PORT_NAME].set)
			at += (size_t)snprintf(buffer + at, size - at, "%s", port[PORT_NAME].text);
		else if (at < size)
			at += (size_t)snprintf(buffer + at, size - at, "%s_port", backend);
		if (at < size && port[PORT_PATH].set)
			at += (size_t)snprintf(buffer + at, size - at, "=%s", port[PORT_PATH].text);
		if (at < size && port[PORT_MODE].set)
			at += (size_t)snprintf(buffer + at, size - at, ":%s", port[PORT_MODE].text);
	}
	return at < size ? 0 : -ENOSPC;
}

/* ---- rules and texts of global options --------------------------------------- */

static int ovmf_rule(const struct acrn_context *context, const struct acrn_field *field,
		     const struct acrn_value *value)
{
	const struct acrn_value *items = value->items;
	bool split = items[OVMF_CODE].set || items[OVMF_VARS].set;
	if (items[OVMF_PATH].set == split || (split && !(items[OVMF_CODE].set &&
							   items[OVMF_VARS].set)))
		return acrn_fail(context->error, 0, "%s%s%s: give either path, or both code and vars",
				 context->owner, acrn_sep(context->owner), field->name);
	return 0;
}

/* [w,]PATH or [w,]code=PATH,vars=PATH */
static int ovmf_text(const struct acrn_context *context, const struct acrn_field *field,
		     const struct acrn_value *value, char *buffer, size_t size)
{
	(void)context;
	(void)field;
	const struct acrn_value *items = value->items;
	int n;
	const char *w = items[OVMF_WRITABLE].flag ? "w," : "";
	if (items[OVMF_PATH].set)
		n = snprintf(buffer, size, "%s%s", w, items[OVMF_PATH].text);
	else
		n = snprintf(buffer, size, "%scode=%s,vars=%s", w, items[OVMF_CODE].text,
			     items[OVMF_VARS].text);
	return n >= 0 && (size_t)n < size ? 0 : -ENOSPC;
}

static int cpu_affinity_rule(const struct acrn_context *context, const struct acrn_field *field,
			     const struct acrn_value *value)
{
	const struct acrn_value *items = value->items;
	const char *option = field->name;
	const struct acrn_value *list = items[CPUS_CPUS].set ? &items[CPUS_CPUS]
							     : &items[CPUS_LAPIC_IDS];
	const char *name = items[CPUS_CPUS].set ? "cpus" : "lapic_ids";
	if (items[CPUS_CPUS].set == items[CPUS_LAPIC_IDS].set)
		return acrn_fail(context->error, 0, "%s: give either cpus or lapic_ids", option);
	if (items[CPUS_LAPIC_IDS].set && context->vm->target->release < R(3, 0))
		return acrn_fail(context->error, 0,
				 "%s: lapic_ids are for ACRN 3.0 and later; ACRN %s takes CPU "
				 "numbers: use cpus",
				 option, context->vm->target->name);
	for (size_t i = 0; i < list->count; i++)
		for (size_t j = 0; j < i; j++)
			if (list->items[i].number == list->items[j].number)
				return acrn_fail(context->error, 0, "%s: %s lists %lld twice",
						 option, name, list->items[i].number);
	return 0;
}

/* 2.x: CPU numbers as given; 3.x: LAPIC ids, cpus mapped through cpuinfo. */
static int cpu_affinity_text(const struct acrn_context *context, const struct acrn_field *field,
			     const struct acrn_value *value, char *buffer, size_t size)
{
	(void)field;
	const struct acrn_value *items = value->items;
	bool map = items[CPUS_CPUS].set && context->vm->target->release >= R(3, 0);
	const struct acrn_value *list = items[CPUS_CPUS].set ? &items[CPUS_CPUS]
							     : &items[CPUS_LAPIC_IDS];
	size_t at = 0;
	buffer[0] = '\0';
	for (size_t i = 0; i < list->count && at < size; i++) {
		unsigned id = (unsigned)list->items[i].number;
		if (map) {
			int rc = acrn_cpu_lapic_id(context->vm->root, id, &id);
			if (rc == -ENODATA)
				return acrn_fail(context->error, 0,
						 "cpu_affinity: CPU %lld is not in %s/proc/cpuinfo "
						 "(ACRN %s wants its LAPIC id)",
						 list->items[i].number,
						 context->vm->root ? context->vm->root : "",
						 context->vm->target->name);
			if (rc < 0)
				return acrn_fail(context->error, 0,
						 "cpu_affinity: cannot read %s/proc/cpuinfo to map "
						 "CPU %lld to its LAPIC id: %s",
						 context->vm->root ? context->vm->root : "",
						 list->items[i].number, strerror(-rc));
		}
		at += (size_t)snprintf(buffer + at, size - at, "%s%u", i ? "," : "", id);
	}
	return at < size ? 0 : -ENOSPC;
}

static int lapic_pt_rule(const struct acrn_context *context, const struct acrn_field *field,
			 const struct acrn_value *value)
{
	(void)field;
	int rtvm = acrn_option_find("rtvm");
	if (value->flag && context->vm->target->release >= R(3, 0) &&
	    !(rtvm >= 0 && context->vm->options[rtvm].flag) && context->warnings &&
	    acrn_strings_addf(context->warnings,
			      "lapic_pt is ignored by acrn-dm %s unless rtvm = true",
			      context->vm->target->name) < 0)
		return -ENOMEM;
	return 0;
}

static int logger_rule(const struct acrn_context *context, const struct acrn_field *field,
		       const struct acrn_value *value)
{
	for (size_t i = 0; i < field->record->count; i++)
		if (value->items[i].set && value->items[i].number > 5 && context->warnings &&
		    acrn_strings_addf(context->warnings,
				      "logger: %s level %lld acts as 5 (debug), the highest",
				      field->record->fields[i].name, value->items[i].number) < 0)
			return -ENOMEM;
	return 0;
}

/* NAME,level=N;…, always the full form: "console" alone crashes 3.3 */
static int logger_text(const struct acrn_context *context, const struct acrn_field *field,
		       const struct acrn_value *value, char *buffer, size_t size)
{
	(void)context;
	size_t at = 0;
	buffer[0] = '\0';
	for (size_t i = 0; i < field->record->count && at < size; i++)
		if (value->items[i].set)
			at += (size_t)snprintf(buffer + at, size - at, "%s%s,level=%lld",
					       at ? ";" : "", field->record->fields[i].name,
					       value->items[i].number);
	if (at == 0)
		return acrn_fail(context->error, 0, "logger: give a level for console, kmsg or disk");
	return at < size ? 0 : -ENOSPC;
}

static int ssram_rule(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value)
{
	(void)field;
	bool regions = value->items != NULL;
	if (context->vm->target->release >= R(3, 0) && !regions)
		return acrn_fail(context->error, 0,
				 "ssram: ACRN %s needs the regions (a list of { cache = \"L2\"|\"L3\", "
				 "vcpus = {…}|\"all\", size = \"512K\" }); given bare it would "
				 "swallow the next option",
				 context->vm->target->name);
	if (context->vm->target->release < R(3, 0) && regions)
		return acrn_fail(context->error, 0,
				 "ssram: ACRN %s's --ssram takes no regions; give ssram = true",
				 context->vm->target->name);
	return 0;
}

/* L2|L3,vcpu=LIST|all,size=SIZE, ';'-joined; LIST is '/'-joined vCPUs */
static int ssram_text(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value, char *buffer, size_t size)
{
	(void)context;
	size_t at = 0;
	buffer[0] = '\0';
	for (size_t r = 0; r < value->count && at < size; r++) {
		const struct acrn_value *region = acrn_record_items(field, value, r);
		at += (size_t)snprintf(buffer + at, size - at, "%s%s,vcpu=", r ? ";" : "",
				       region[SSRAM_CACHE].text);
		const struct acrn_value *vcpus = &region[SSRAM_VCPUS];
		if (region[SSRAM_ALL].flag)
			at += (size_t)snprintf(buffer + at, at < size ? size - at : 0, "all");
		for (size_t i = 0; vcpus->set && i < vcpus->count && at < size; i++)
			at += (size_t)snprintf(buffer + at, size - at, "%s%lld", i ? "/" : "",
					       vcpus->items[i].number);
		if (at < size)
			at += (size_t)snprintf(buffer + at, size - at, ",size=%s",
					       region[SSRAM_SIZE].text);
	}
	return at < size ? 0 : -ENOSPC;
}

static int ssram_region_rule(const struct acrn_context *context, const struct acrn_field *field,
			     const struct acrn_value *region)
{
	(void)field;
	if (region->items[SSRAM_VCPUS].set == region->items[SSRAM_ALL].flag)
		return acrn_fail(context->error, 0, "%s: give either vcpus or all = true",
				 context->owner);
	return 0;
}

static int vtpm2_rule(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value)
{
	(void)field;
	(void)value;
	int acpidev = acrn_option_find("acpidev_pt");
	const struct acrn_value *pt = acpidev >= 0 ? &context->vm->options[acpidev] : NULL;
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	for (size_t i = 0; pt && pt->set && i < pt->count; i++) {
		const struct acrn_value *hid =
			&acrn_record_items(&options[acpidev].field, pt, i)[ACPIDEV_HID];
		if (hid->set && hid->text && strcmp(hid->text, "MSFT0101") == 0)
			return acrn_fail(context->error, 0,
					 "vtpm2 cannot go with a passed-through TPM (acpidev_pt "
					 "MSFT0101)");
	}
	return 0;
}

static int acpidev_hid_rule(const struct acrn_context *context, const struct acrn_field *field,
			    const struct acrn_value *value)
{
	static const char *const everywhere[] = {"MSFT0101", "PNP0501", NULL};
	static const char *const gpio[] = {"INT34C5", "INT34C6", "INTC1055", "INTC1056", NULL};
	char why[128];
	for (size_t i = 0; everywhere[i]; i++)
		if (strcmp(value->text, everywhere[i]) == 0)
			return 0;
	for (size_t i = 0; gpio[i]; i++)
		if (strcmp(value->text, gpio[i]) == 0) {
			if (context->vm->target->release >= R(3, 3))
				return 0;
			snprintf(why, sizeof why, "is a GPIO controller, passed through from "
				 "ACRN 3.3 on (target %s)", context->vm->target->name);
			return refuse(context, field, value, why);
		}
	return refuse(context, field, value,
		      "is not a known ACPI device: MSFT0101 (TPM2), PNP0501 (UART), and from "
		      "3.3 INT34C5, INT34C6, INTC1055, INTC1056 (GPIO)");
}

static int pm_notify_rule(const struct acrn_context *context, const struct acrn_field *field,
			  const struct acrn_value *value)
{
	if (strcmp(value->text, "uart,allow_trigger_s5") == 0 &&
	    context->vm->target->release < R(2, 6))
		return refuse(context, field, value, "needs ACRN 2.6 or later");
	return 0;
}

static int raw_rule(const struct acrn_context *context, const struct acrn_field *field,
		    const struct acrn_value *value)
{
	(void)field;
	char line[ACRN_ERROR_MAX];
	size_t at = 0;
	for (size_t i = 0; i < value->count && at < sizeof line; i++)
		at += (size_t)snprintf(line + at, sizeof line - at, " %s", value->items[i].text);
	if (context->warnings &&
	    acrn_strings_addf(context->warnings,
			      "raw arguments go to acrn-dm unchecked:%s", line) < 0)
		return -ENOMEM;
	return 0;
}

/* ---- emulations -------------------------------------------------------------- */

static const char *const cache_modes[] = {"writeback", "writethru", NULL};
static const char *const aio_modes[] = {"threads", "io_uring", NULL};
static const char *const backends[] = {"stdio", "pty", "tty", "file", "socket", NULL};
static const char *const socket_modes[] = {"server", "client", NULL};
static const char *const xhci_caps[] = {"apl", NULL};
static const char *const ivshmem_providers[] = {"dm", "hv", NULL};

static const struct acrn_field lpc_com5_fields[] = {
	{.name = "backend", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_VALUE,
	 .uses_stdio = true, .doc = "as com1"},
	{.name = "ioport", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .hex = true,
	 .min = 0, .max = 0xffff, .required = true, .doc = "I/O port base"},
	{.name = "irq", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .min = 0,
	 .max = 255, .required = true, .doc = "interrupt line"},
};
/* com5,BACKEND,IOPORT,IRQ is read by position: no BACKEND shifts the rest. */
static int lpc_com5_rule(const struct acrn_context *context, const struct acrn_field *field,
			 const struct acrn_value *com5)
{
	(void)field;
	if (com5->items[0].set && com5->items[0].length)
		return 0;
	return acrn_fail(context->error, context->device,
			 "%s: needs a backend: acrn-dm reads com5,BACKEND,IOPORT,IRQ by position",
			 context->owner);
}
static const struct acrn_record lpc_com5 = RECORD_RULE(lpc_com5_fields, lpc_com5_rule);

static const struct acrn_field lpc_fields[] = {
	{.name = "com1", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_LPC, .uses_stdio = true,
	 .doc = "backend of COM1: stdio, tcp:PORT, a tty path, or \"\" for none"},
	{.name = "com2", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_LPC, .uses_stdio = true,
	 .doc = "backend of COM2, as com1"},
	{.name = "com3", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_LPC, .uses_stdio = true,
	 .releases = {.since = R(3, 3)}, .doc = "backend of COM3, as com1"},
	{.name = "com4", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_LPC, .uses_stdio = true,
	 .releases = {.since = R(3, 3)}, .doc = "backend of COM4, as com1"},
	{.name = "com5", .type = ACRN_TYPE_RECORD, .render = ACRN_RENDER_LPC, .record = &lpc_com5,
	 .releases = {.since = R(3, 3)},
	 .doc = "COM5: { backend, ioport, irq } (rendered com5,BACKEND,0xPORT,IRQ)"},
};

static const struct acrn_field console_port_fields[] = {
	[PORT_BACKEND] = {.name = "backend", .type = ACRN_TYPE_CHOICE, .choices = backends,
			  .required = true, .uses_stdio = true,
			  .doc = "stdio, pty, tty, file or socket"},
	[PORT_NAME] = {.name = "name", .type = ACRN_TYPE_STRING, .rule = port_name_rule,
		       .doc = "port name (default BACKEND_port)"},
	[PORT_PATH] = {.name = "path", .type = ACRN_TYPE_PATH,
		       .doc = "tty device, file or unix socket (not for stdio, pty)"},
	[PORT_MODE] = {.name = "mode", .type = ACRN_TYPE_CHOICE, .choices = socket_modes,
		       .doc = "socket only: server (acrn-dm's default) or client"},
	[PORT_CONSOLE] = {.name = "console", .type = ACRN_TYPE_BOOL,
			  .doc = "the hvc console port, written with '@'"},
};
static const struct acrn_record console_port = RECORD_RULE(console_port_fields, console_port_rule);

static const struct acrn_field virtio_console_fields[] = {
	{.name = "ports", .type = ACRN_TYPE_RECORDS, .render = ACRN_RENDER_VALUE,
	 .record = &console_port, .max_items = ACRN_CONSOLE_PORTS_MAX, .required = true,
	 .rule = console_ports_rule, .text = console_ports_text,
	 .doc = "list of ports: { backend, name, path, console, mode }"},
};

/* The order of the fields is the order of the rendering. */
static const struct acrn_field virtio_net_fields[] = {
	[NET_TAP] = {.name = "tap", .type = ACRN_TYPE_IFNAME, .render = ACRN_RENDER_BARE,
		     .keyed_since = R(3, 0), .required = true,
		     .doc = "the tap (or macvtap) interface; rendered tap=NAME from 3.0"},
	[NET_MAC_SEED] = {.name = "mac_seed", .type = ACRN_TYPE_STRING,
			  .render = ACRN_RENDER_KEYED, .releases = {.since = R(3, 0)},
			  .doc = "seed for a generated MAC (before 3.0: the VM's mac_seed)"},
	[NET_VHOST] = {.name = "vhost", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
		       .doc = "use the vhost-net kernel backend"},
	[NET_MAC] = {.name = "mac", .type = ACRN_TYPE_MAC, .render = ACRN_RENDER_KEYED,
		     .doc = "the guest's MAC address, unicast and not zero"},
	[NET_MACVTAP] = {.name = "macvtap", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_NONE,
			 .doc = "the interface is a macvtap (rendered like a tap)"},
};

static const struct acrn_field virtio_blk_fields[] = {
	[BLK_IOTHREAD] = {.name = "iothread", .type = ACRN_TYPE_INTEGER,
			  .render = ACRN_RENDER_KEYED, .min = 1, .max = 64, .flag_ok = true,
			  .releases = {.since = R(3, 1)},
			  .doc = "true, or the number of I/O threads"},
	[BLK_MQ] = {.name = "mq", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED,
		    .min = 1, .max = 64, .releases = {.since = R(3, 3)},
		    .doc = "number of virtqueues"},
	[BLK_PATH] = {.name = "path", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_BARE,
		      .host = ACRN_HOST_DISK, .doc = "the disk image or block device"},
	[BLK_NODISK] = {.name = "nodisk", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
			.doc = "an empty placeholder that acrnctl blkrescan fills later"},
	{.name = "ro", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG, .doc = "read-only"},
	{.name = "cache", .type = ACRN_TYPE_CHOICE, .render = ACRN_RENDER_VALUE,
	 .choices = cache_modes, .doc = "writeback or writethru (acrn-dm's default)"},
	{.name = "discard", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_KEYED,
	 .flag_ok = true, .rule = discard_rule,
	 .doc = "true, or \"MAX_SECTORS:MAX_SEGMENTS:ALIGNMENT\""},
	{.name = "sectorsize", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_KEYED,
	 .rule = sectorsize_rule, .doc = "\"LOGICAL\" or \"LOGICAL/PHYSICAL\" bytes"},
	{.name = "range", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_KEYED,
	 .rule = range_rule, .doc = "\"START_LBA/SECTORS\": a part of the disk"},
	{.name = "nocache", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	 .releases = {.since = R(3, 3)}, .doc = "O_DIRECT"},
	{.name = "no_bst_block", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	 .releases = {.since = R(3, 3)}, .doc = "do not block on a busy backend"},
	{.name = "aio", .type = ACRN_TYPE_CHOICE, .render = ACRN_RENDER_KEYED,
	 .choices = aio_modes, .releases = {.since = R(3, 3)}, .doc = "threads or io_uring"},
	{.name = "drive", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_NONE, .min = 0,
	 .max = 1023, .unique = true,
	 .doc = "drive index, for placing disks into placeholders later"},
};

static const struct acrn_field passthru_fields[] = {
	{.name = "bdf", .type = ACRN_TYPE_BDF, .render = ACRN_RENDER_VALUE, .required = true,
	 .doc = "host device, \"00:1f.3\" or \"0/1f/3\" (rendered 0/1f/3)"},
	{.name = "keep_gsi", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	 .doc = "keep the host's GSI"},
	{.name = "no_reset", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	 .doc = "do not reset the device"},
	{.name = "d3hot_reset", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	 .releases = {.since = R(2, 1)}, .doc = "reset through D3hot"},
	{.name = "vmsix_on_msi", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEY_VALUE,
	 .min = 0, .max = 5, .releases = {.since = R(2, 1)},
	 .doc = "emulate MSI-X on MSI, with its table in this BAR"},
	{.name = "enable_ptm", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	 .releases = {.since = R(2, 5)}, .doc = "PCIe precision time measurement"},
	{.name = "romfile", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_KEYED,
	 .host = ACRN_HOST_FILE, .releases = {.since = R(3, 2)}, .doc = "option ROM"},
	{.name = "irq", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED, .min = 0,
	 .max = 255, .releases = {.since = R(3, 3)}, .doc = "legacy interrupt line"},
	{.name = "dsdt", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_KEYED,
	 .host = ACRN_HOST_FILE, .releases = {.since = R(3, 3)}, .doc = "ACPI DSDT fragment"},
};

static const struct acrn_field uart_fields[] = {
	[UART_VUART] = {.name = "vuart_idx", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE,
			.min = 0, .max = 7, .text = vuart_text,
			.doc = "the hypervisor's vUART number (vuart_idx:N)"},
	[UART_BACKEND] = {.name = "backend", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_VALUE,
			  .uses_stdio = true, .doc = "or a backend as for the LPC UARTs"},
};

static const struct acrn_field xhci_port_field = {.name = "port", .type = ACRN_TYPE_STRING,
						  .rule = xhci_port_rule};
static const struct acrn_field xhci_fields[] = {
	[XHCI_PORTS] = {.name = "ports", .type = ACRN_TYPE_LIST, .element = &xhci_port_field,
			.doc = "host USB ports, { \"1-2\", \"2-4\" }"},
	[XHCI_TABLET] = {.name = "tablet", .type = ACRN_TYPE_BOOL, .doc = "a USB tablet"},
	[XHCI_LOG] = {.name = "log", .type = ACRN_TYPE_STRING, .rule = plain_name_rule,
		      .doc = "log level"},
	[XHCI_CAP] = {.name = "cap", .type = ACRN_TYPE_CHOICE, .choices = xhci_caps,
		      .doc = "platform capability: apl"},
};

static const struct acrn_field ahci_port_fields[] = {
	{.name = "hd", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_DISK,
	 .doc = "a disk image (hd:PATH)"},
	{.name = "cd", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
	 .doc = "a CD image (cd:PATH)"},
	{.name = "ro", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG, .doc = "read-only"},
	{.name = "cache", .type = ACRN_TYPE_CHOICE, .render = ACRN_RENDER_VALUE,
	 .choices = cache_modes, .doc = "writeback or writethru"},
};

static int ahci_port_rule(const struct acrn_context *context, const struct acrn_field *field,
			  const struct acrn_value *port)
{
	(void)field;
	if (port->items[0].set == port->items[1].set)
		return acrn_fail(context->error, context->device, "%s: give exactly one of hd and cd",
				 context->owner);
	return 0;
}
static const struct acrn_record ahci_port = RECORD_RULE(ahci_port_fields, ahci_port_rule);

/* hd:PATH / cd:PATH: ':' rather than '=' between the kind and the path */
static int ahci_ports_text(const struct acrn_context *context, const struct acrn_field *field,
			   const struct acrn_value *value, char *buffer, size_t size)
{
	size_t at = 0;
	buffer[0] = '\0';
	for (size_t i = 0; i < value->count; i++) {
		const struct acrn_value *port = acrn_record_items(field, value, i);
		bool hd = port[0].set;
		int n = snprintf(buffer + at, size - at, "%s%s:%s", i ? "," : "", hd ? "hd" : "cd",
				 port[hd ? 0 : 1].text);
		if (n < 0 || (size_t)n >= size - at)
			return -ENOSPC;
		at += (size_t)n;
		int rc = acrn_render_fields(context, field->record->fields + 2, 2, port + 2, buffer,
					    size, &at);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static const struct acrn_field ahci_fields[] = {
	{.name = "ports", .type = ACRN_TYPE_RECORDS, .render = ACRN_RENDER_VALUE,
	 .record = &ahci_port, .max_items = 32, .required = true, .text = ahci_ports_text,
	 .doc = "list of { hd = PATH | cd = PATH, ro, cache }"},
};

/* ahci-hd and ahci-cd: one port, PATH[,blockopts] */
static const struct acrn_field ahci_hd_fields[] = {
	{.name = "path", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_VALUE, .required = true,
	 .host = ACRN_HOST_DISK, .doc = "the disk image"},
	{.name = "ro", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG, .doc = "read-only"},
	{.name = "cache", .type = ACRN_TYPE_CHOICE, .render = ACRN_RENDER_VALUE,
	 .choices = cache_modes, .doc = "writeback or writethru"},
};
static const struct acrn_field ahci_cd_fields[] = {
	{.name = "path", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_VALUE, .required = true,
	 .host = ACRN_HOST_FILE, .doc = "the CD image"},
	{.name = "ro", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG, .doc = "read-only"},
};

static const struct acrn_field virtio_input_fields[] = {
	{.name = "path", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_VALUE, .required = true,
	 .doc = "the evdev device, /dev/input/eventN"},
	{.name = "serial", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_VALUE,
	 .doc = "serial number shown to the guest"},
};

static const struct acrn_field i2c_address_field = {.name = "address", .type = ACRN_TYPE_INTEGER,
						    .min = 0, .max = 0x7f};
static const struct acrn_field i2c_adapter_fields[] = {
	{.name = "bus", .type = ACRN_TYPE_INTEGER, .min = 0, .max = 255, .required = true,
	 .doc = "host I2C bus number"},
	{.name = "addresses", .type = ACRN_TYPE_LIST, .element = &i2c_address_field,
	 .doc = "client addresses, at most 0x7f"},
};
static const struct acrn_record i2c_adapter = RECORD(i2c_adapter_fields);

/* BUS[:ADDR…], ','-joined; addresses in hex */
static int i2c_text(const struct acrn_context *context, const struct acrn_field *field,
		    const struct acrn_value *value, char *buffer, size_t size)
{
	(void)context;
	size_t at = 0;
	buffer[0] = '\0';
	for (size_t i = 0; i < value->count && at < size; i++) {
		const struct acrn_value *adapter = acrn_record_items(field, value, i);
		at += (size_t)snprintf(buffer + at, size - at, "%s%lld", i ? "," : "",
				       adapter[0].number);
		for (size_t a = 0; adapter[1].set && a < adapter[1].count && at < size; a++)
			at += (size_t)snprintf(buffer + at, size - at, ":%llx",
					       adapter[1].items[a].number);
	}
	return at < size ? 0 : -ENOSPC;
}

static const struct acrn_field virtio_i2c_fields[] = {
	{.name = "adapters", .type = ACRN_TYPE_RECORDS, .render = ACRN_RENDER_VALUE,
	 .record = &i2c_adapter, .max_items = 16, .required = true, .text = i2c_text,
	 .doc = "list of { bus = N, addresses = { 0x1c, … } }"},
};

static const struct acrn_field gpio_line_field = {.name = "line", .type = ACRN_TYPE_STRING,
						  .rule = gpio_line_rule};
static const struct acrn_field gpio_chip_fields[] = {
	{.name = "chip", .type = ACRN_TYPE_STRING, .required = true, .rule = plain_name_rule,
	 .doc = "host gpiochip name"},
	{.name = "lines", .type = ACRN_TYPE_LIST, .element = &gpio_line_field, .max_items = 64,
	 .required = true, .doc = "OFFSET, NAME or NAME=VNAME"},
};
static const struct acrn_record gpio_chip = RECORD(gpio_chip_fields);

static int gpio_text(const struct acrn_context *context, const struct acrn_field *field,
		     const struct acrn_value *value, char *buffer, size_t size)
{
	(void)context;
	size_t at = 0, lines = 0;
	buffer[0] = '\0';
	for (size_t i = 0; i < value->count && at < size; i++) {
		const struct acrn_value *chip = acrn_record_items(field, value, i);
		at += (size_t)snprintf(buffer + at, size - at, "@%s{", chip[0].text);
		for (size_t l = 0; l < chip[1].count && at < size; l++, lines++)
			at += (size_t)snprintf(buffer + at, size - at, "%s%s", l ? ":" : "",
					       chip[1].items[l].text);
		if (at < size)
			at += (size_t)snprintf(buffer + at, size - at, "}");
	}
	if (lines > 64)
		return acrn_fail(context->error, context->device,
				 "%s: chips: %zu lines in all; acrn-dm takes at most 64",
				 context->owner, lines);
	return at < size ? 0 : -ENOSPC;
}

static const struct acrn_field virtio_gpio_fields[] = {
	{.name = "chips", .type = ACRN_TYPE_RECORDS, .render = ACRN_RENDER_VALUE,
	 .record = &gpio_chip, .max_items = 8, .required = true, .text = gpio_text,
	 .doc = "list of { chip = \"gpiochip0\", lines = { \"3\", \"reset=vreset\" } }"},
};

static const struct acrn_field gpu_screen_fields[] = {
	{.name = "geometry", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_KEYED,
	 .required = true, .rule = geometry_rule, .doc = "WxH+X+Y or fullscreen:N"},
};
static const struct acrn_record gpu_screen = RECORD(gpu_screen_fields);

static const struct acrn_field virtio_gpu_fields[] = {
	{.name = "screens", .type = ACRN_TYPE_RECORDS, .render = ACRN_RENDER_VALUE,
	 .record = &gpu_screen, .doc = "list of { geometry = \"1920x1080+0+0\" }, one per screen"},
};

static const struct acrn_field vhost_vsock_fields[] = {
	{.name = "cid", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED, .min = 0,
	 .max = 0xffffffffLL, .required = true, .rule = vsock_cid_rule,
	 .doc = "the guest's context id, 3 <= cid < 0xffffffff"},
};

static const struct acrn_field ivshmem_fields[] = {
	{.name = "provider", .type = ACRN_TYPE_CHOICE, .choices = ivshmem_providers,
	 .render = ACRN_RENDER_VALUE, .required = true,
	 .doc = "dm (acrn-dm's) or hv (the hypervisor's)"},
	{.name = "name", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_NONE, .required = true,
	 .rule = plain_name_rule, .doc = "region name (rendered PROVIDER:/NAME)"},
	{.name = "size", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .min = 2,
	 .max = 512, .required = true, .rule = ivshmem_size_rule,
	 .doc = "MiB, a power of two from 2 to 512"},
	{.name = "region", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .min = 0,
	 .max = 255, .doc = "region id"},
};

/* PROVIDER:/NAME,SIZE[,REGION] */
static int ivshmem_text(const struct acrn_context *context, const struct acrn_device *device,
			char *buffer, size_t size)
{
	const struct acrn_value *values = device->values;
	size_t at = (size_t)snprintf(buffer, size, "%s:/%s", values[0].text, values[1].text);
	if (at >= size)
		return -ENOSPC;
	return acrn_render_fields(context, device->emulation->fields + 2, 2, values + 2, buffer,
				  size, &at);
}

static const struct acrn_field config_item_field = {.name = "config", .type = ACRN_TYPE_STRING};
/* The rare emulations: CONFIG passed through, item by item, each checked. */
static const struct acrn_field passthrough_config_fields[] = {
	{.name = "config", .type = ACRN_TYPE_LIST, .element = &config_item_field,
	 .render = ACRN_RENDER_VALUE,
	 .doc = "the CONFIG items, each without ',' (joined with ',')"},
};

static const struct acrn_field pci_gvt_fields[] = {
	{.name = "args", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_OPTION, .key = "-G",
	 .doc = "GVT-g arguments, rendered -G ARGS after the device (\"64 448 8\")"},
};

#define RARE(kind_, constructor_, releases_, doc_)                                             \
	{.kind = kind_, .constructor = constructor_, .releases = releases_,                     \
	 FIELDS(passthrough_config_fields), .doc = doc_}

static const struct acrn_emulation emulations[] = {
	{.kind = "hostbridge", .constructor = "hostbridge", .role = ACRN_ROLE_HOSTBRIDGE,
	 .doc = "the PCI host bridge; exactly one, at 0:0"},
	{.kind = "amd_hostbridge", .constructor = "amd_hostbridge", .role = ACRN_ROLE_HOSTBRIDGE,
	 .doc = "an AMD PCI host bridge, instead of hostbridge"},
	{.kind = "lpc", .constructor = "lpc", .role = ACRN_ROLE_LPC, FIELDS(lpc_fields),
	 .doc = "the LPC bridge and its UARTs (-l); at most one, on bus 0"},
	{.kind = "igd-lpc", .constructor = "igd_lpc", .releases = {.since = R(1, 6)},
	 .doc = "the LPC bridge an Intel GPU passed through expects (slot 31)"},
	{.kind = "dummy", .constructor = "dummy", .releases = {.since = R(3, 0)},
	 .doc = "a placeholder PCI device"},
	{.kind = "wdt-i6300esb", .constructor = "wdt", .doc = "i6300ESB watchdog"},
	{.kind = "virtio-rnd", .constructor = "virtio_rnd", .doc = "virtio entropy source"},
	{.kind = "virtio-console", .constructor = "virtio_console",
	 FIELDS(virtio_console_fields), .doc = "virtio console with up to 16 ports"},
	{.kind = "virtio-net", .constructor = "virtio_net", FIELDS(virtio_net_fields),
	 .rule = virtio_net_rule, .text = virtio_net_text,
	 .doc = "virtio network device on a tap"},
	{.kind = "virtio-blk", .constructor = "virtio_blk", FIELDS(virtio_blk_fields),
	 .rule = virtio_blk_rule, .doc = "virtio block device, or an empty placeholder"},
	{.kind = "passthru", .constructor = "passthru", FIELDS(passthru_fields),
	 .doc = "a host PCI device passed through (bind it to pci-stub first)"},
	{.kind = "uart", .constructor = "uart", FIELDS(uart_fields), .rule = uart_rule,
	 .doc = "a PCI UART: a hypervisor vUART or a backend"},
	{.kind = "xhci", .constructor = "xhci", FIELDS(xhci_fields), .rule = xhci_rule,
	 .text = xhci_text, .doc = "USB 3 controller with host ports"},
	{.kind = "ahci", .constructor = "ahci", FIELDS(ahci_fields),
	 .doc = "SATA controller with up to 32 hd/cd ports"},
	{.kind = "ahci-hd", .constructor = "ahci_hd", FIELDS(ahci_hd_fields),
	 .doc = "SATA controller with one disk"},
	{.kind = "ahci-cd", .constructor = "ahci_cd", FIELDS(ahci_cd_fields),
	 .doc = "SATA controller with one CD"},
	{.kind = "virtio-input", .constructor = "virtio_input", FIELDS(virtio_input_fields),
	 .doc = "virtio input device from a host evdev"},
	{.kind = "virtio-i2c", .constructor = "virtio_i2c", FIELDS(virtio_i2c_fields),
	 .releases = {.since = R(1, 6)}, .doc = "virtio I2C adapters (up to 16)"},
	{.kind = "virtio-gpio", .constructor = "virtio_gpio", FIELDS(virtio_gpio_fields),
	 .doc = "virtio GPIO lines from host chips (8 chips, 64 lines)"},
	{.kind = "virtio-gpu", .constructor = "virtio_gpu", FIELDS(virtio_gpu_fields),
	 .releases = {.since = R(3, 0)}, .doc = "virtio GPU with one geometry per screen"},
	{.kind = "vhost-vsock", .constructor = "vhost_vsock", FIELDS(vhost_vsock_fields),
	 .releases = {.since = R(3, 0)}, .doc = "vsock through vhost"},
	{.kind = "ivshmem", .constructor = "ivshmem", FIELDS(ivshmem_fields),
	 .text = ivshmem_text, .releases = {.since = R(2, 0)},
	 .doc = "inter-VM shared memory"},
	{.kind = "pci-gvt", .constructor = "pci_gvt", FIELDS(pci_gvt_fields),
	 .releases = {.removed = R(3, 0)}, .doc = "GVT-g virtual GPU (2.x; -G after it)"},
	RARE("npk", "npk", {.removed = R(3, 0)}, "Intel Trace Hub (2.x)"),
	RARE("virtio-hdcp", "virtio_hdcp", {.removed = R(3, 0)}, "virtio HDCP (2.x)"),
	RARE("virtio-coreu", "virtio_coreu", {.removed = R(3, 0)}, "virtio CoreU (2.x)"),
	RARE("virtio-audio", "virtio_audio", {0}, "virtio audio (CONFIG passed through)"),
	RARE("virtio-ipu", "virtio_ipu", {0}, "virtio IPU (CONFIG passed through)"),
	RARE("virtio-hyper_dmabuf", "virtio_hyper_dmabuf", {0},
	     "virtio hyper DMA buffer (CONFIG passed through)"),
	RARE("virtio-heci", "virtio_heci", {0}, "virtio HECI (CONFIG passed through)"),
	RARE("virtio-rpmb", "virtio_rpmb", {0}, "virtio RPMB (CONFIG passed through)"),
};

/* ---- global options, in the order they are rendered ---------------------------- */

static const struct acrn_field ovmf_fields[] = {
	[OVMF_PATH] = {.name = "path", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
		       .host_max_bytes = 2 << 20, .doc = "one image holding code and variables"},
	[OVMF_CODE] = {.name = "code", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
		       .host_max_bytes = 2 << 20, .releases = {.since = R(2, 3)},
		       .doc = "the code image"},
	[OVMF_VARS] = {.name = "vars", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
		       .host_max_bytes = 128 << 10, .releases = {.since = R(2, 3)},
		       .doc = "the variables image"},
	[OVMF_WRITABLE] = {.name = "writable", .type = ACRN_TYPE_BOOL,
			   .doc = "let the guest write its variables (w,)"},
};
static const struct acrn_record ovmf = RECORD(ovmf_fields);

static const struct acrn_field cpu_number_field = {.name = "cpu", .type = ACRN_TYPE_INTEGER,
						   .min = 0, .max = 1023};
static const struct acrn_field cpu_affinity_fields[] = {
	[CPUS_CPUS] = {.name = "cpus", .type = ACRN_TYPE_LIST, .element = &cpu_number_field,
		       .doc = "CPU numbers; mapped to LAPIC ids for 3.x through /proc/cpuinfo"},
	[CPUS_LAPIC_IDS] = {.name = "lapic_ids", .type = ACRN_TYPE_LIST,
			    .element = &cpu_number_field, .doc = "LAPIC ids, 3.x only"},
	[CPUS_OFFLINE] = {.name = "offline", .type = ACRN_TYPE_BOOL,
			  .doc = "take the CPUs from the Service VM before launch"},
};
static const struct acrn_record cpu_affinity = RECORD(cpu_affinity_fields);

static const struct acrn_field intr_monitor_fields[] = {
	{.name = "threshold", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .min = 0,
	 .max = 0x7fffffff, .required = true, .doc = "interrupts per second that count as a storm"},
	{.name = "probe_period", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE,
	 .min = 0, .max = 0x7fffffff, .required = true, .doc = "seconds between probes"},
	{.name = "delay_time", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .min = 0,
	 .max = 0x7fffffff, .required = true, .doc = "ms of delay before injecting"},
	{.name = "delay_duration", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE,
	 .min = 0, .max = 0x7fffffff, .required = true, .doc = "ms the delay lasts"},
};
static const struct acrn_record intr_monitor = RECORD(intr_monitor_fields);

static const struct acrn_field logger_fields[] = {
	{.name = "console", .type = ACRN_TYPE_INTEGER, .min = 1, .max = 1000,
	 .doc = "level 1 (error) to 5 (debug); higher acts as 5"},
	{.name = "kmsg", .type = ACRN_TYPE_INTEGER, .min = 1, .max = 1000,
	 .doc = "level 1 (error) to 5 (debug); higher acts as 5"},
	{.name = "disk", .type = ACRN_TYPE_INTEGER, .min = 1, .max = 1000,
	 .doc = "level 1 (error) to 5 (debug); higher acts as 5"},
};
static const struct acrn_record logger = RECORD(logger_fields);

static const char *const ssram_caches[] = {"L2", "L3", NULL};
static const struct acrn_field vcpu_field = {.name = "vcpu", .type = ACRN_TYPE_INTEGER,
					     .min = 0, .max = 255};
static const struct acrn_field ssram_region_fields[] = {
	[SSRAM_CACHE] = {.name = "cache", .type = ACRN_TYPE_CHOICE, .choices = ssram_caches,
			 .required = true, .doc = "L2 or L3"},
	[SSRAM_VCPUS] = {.name = "vcpus", .type = ACRN_TYPE_LIST, .element = &vcpu_field,
			 .doc = "list of vCPUs"},
	[SSRAM_ALL] = {.name = "all", .type = ACRN_TYPE_BOOL, .doc = "every vCPU, instead of vcpus"},
	[SSRAM_SIZE] = {.name = "size", .type = ACRN_TYPE_STRING, .required = true,
			.rule = size_rule, .doc = "\"512K\", \"2M\""},
};
static const struct acrn_record ssram_region = RECORD_RULE(ssram_region_fields, ssram_region_rule);

static const char *const acpidev_types[] = {"memory", "io_port", "irq", NULL};
static const struct acrn_field acpidev_fields[] = {
	[ACPIDEV_HID] = {.name = "hid", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_VALUE,
			 .required = true, .rule = acpidev_hid_rule,
			 .doc = "MSFT0101, PNP0501; 3.3: INT34C5, INT34C6, INTC1055, INTC1056"},
	[ACPIDEV_UID] = {.name = "uid", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_BARE,
			 .keyed_since = R(3, 3), .rule = plain_name_rule,
			 .doc = "unique id (uid= from 3.3)"},
	{.name = "type", .type = ACRN_TYPE_CHOICE, .render = ACRN_RENDER_KEYED,
	 .choices = acpidev_types, .releases = {.since = R(3, 3)},
	 .doc = "resource type: memory, io_port, irq"},
	{.name = "min", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED, .hex = true,
	 .min = 0, .max = 0x7fffffffffffffffLL, .releases = {.since = R(3, 3)},
	 .doc = "resource base"},
	{.name = "len", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED, .hex = true,
	 .min = 0, .max = 0x7fffffffffffffffLL, .releases = {.since = R(3, 3)},
	 .doc = "resource length"},
	{.name = "irq", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED, .min = 0,
	 .max = 255, .releases = {.since = R(3, 3)}, .doc = "interrupt"},
	{.name = "polarity", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED, .min = 0,
	 .max = 1, .releases = {.since = R(3, 3)}, .doc = "interrupt polarity"},
	{.name = "trigger_mode", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED,
	 .min = 0, .max = 1, .releases = {.since = R(3, 3)}, .doc = "interrupt trigger mode"},
	{.name = "dsdt", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_KEYED,
	 .host = ACRN_HOST_FILE, .releases = {.since = R(3, 3)}, .doc = "DSDT fragment"},
};
static const struct acrn_record acpidev = RECORD(acpidev_fields);

static const struct acrn_field mmiodev_fields[] = {
	{.name = "base", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .hex = true,
	 .min = 0, .max = 0x7fffffffffffffffLL, .required = true, .doc = "host physical base"},
	{.name = "size", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .hex = true,
	 .min = 1, .max = 0x7fffffffffffffffLL, .required = true, .doc = "size in bytes"},
};
static const struct acrn_record mmiodev = RECORD(mmiodev_fields);

static const struct acrn_field raw_item_field = {.name = "raw", .type = ACRN_TYPE_STRING};

static const char *const pm_channels[] = {"ioc", "power_button", "uart",
					  "uart,allow_trigger_s5", NULL};

#define OBSOLETE_3 {.ignored = R(3, 0)}
#define UP_TO_27 {.removed = R(3, 0)}

static const struct acrn_option options[] = {
	{{.name = "uuid", .key = "-U", .type = ACRN_TYPE_UUID, .releases = {.removed = R(2, 7)},
	  .doc = "the VM's UUID (identifies the VM up to 2.6)"},
	 ACRN_PLACE_FIRST, 0},
	{{.name = "acpi", .key = "-A", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .releases = OBSOLETE_3, .doc = "build ACPI tables"},
	 ACRN_PLACE_FIRST, 0},
	{{.name = "memory", .key = "-m", .type = ACRN_TYPE_MEMORY,
	  .doc = "guest memory: \"2048M\", \"2G\", or a number of MiB (acrn-dm: 256M)"},
	 ACRN_PLACE_FIRST, 0},
	{{.name = "virtio_msi", .key = "-W", .renamed_key = "--virtio_msi",
	  .renamed_since = R(3, 0), .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .doc = "MSI(-X) for virtio devices: -W up to 2.7, --virtio_msi from 3.0"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "virtio_msix", .key = "-W", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .releases = UP_TO_27, .doc = "-W by its old name; virtio_msi works for every release"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "ovmf", .key = "--ovmf", .type = ACRN_TYPE_RECORD, .record = &ovmf,
	  .shorthand = "path", .rule = ovmf_rule, .text = ovmf_text,
	  .doc = "UEFI firmware: a path, or { code, vars, writable }"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "cpu_affinity", .key = "--cpu_affinity", .type = ACRN_TYPE_RECORD,
	  .record = &cpu_affinity, .releases = {.since = R(1, 6)}, .rule = cpu_affinity_rule,
	  .text = cpu_affinity_text, .doc = "{ cpus = {…} } or { lapic_ids = {…} } (3.x)"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "rtvm", .key = "--rtvm", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .doc = "a real-time VM (3.x: also LAPIC passthrough)"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "lapic_pt", .key = "--lapic_pt", .type = ACRN_TYPE_BOOL,
	  .render = ACRN_RENDER_FLAG, .rule = lapic_pt_rule,
	  .doc = "LAPIC passthrough (2.x: implies an RT VM; 3.x: only with rtvm)"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "virtio_poll", .key = "--virtio_poll", .type = ACRN_TYPE_INTEGER, .min = 1,
	  .max = 10000000, .doc = "poll virtio queues every N ns instead of notifying"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "intr_monitor", .key = "--intr_monitor", .type = ACRN_TYPE_RECORD,
	  .record = &intr_monitor,
	  .doc = "interrupt storm monitor { threshold, probe_period, delay_time, delay_duration }"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "logger", .key = "--logger_setting", .type = ACRN_TYPE_RECORD,
	  .record = &logger, .releases = {.since = R(1, 1)}, .rule = logger_rule,
	  .text = logger_text, .doc = "log levels { console = 4, kmsg = 3, disk = 5 }"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "windows", .key = "--windows", .type = ACRN_TYPE_BOOL,
	  .render = ACRN_RENDER_FLAG, .releases = {.since = R(1, 4)},
	  .doc = "a Windows guest"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "enable_trusty", .key = "--enable_trusty", .type = ACRN_TYPE_BOOL,
	  .render = ACRN_RENDER_FLAG, .doc = "Trusty secure world"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "debugexit", .key = "--debugexit", .type = ACRN_TYPE_BOOL,
	  .render = ACRN_RENDER_FLAG, .doc = "guest writes to port 0xf4 exit acrn-dm"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "ssram", .key = "--psram", .renamed_key = "--ssram", .renamed_since = R(2, 5),
	  .type = ACRN_TYPE_RECORDS, .record = &ssram_region, .flag_ok = true,
	  .releases = {.since = R(2, 3)}, .rule = ssram_rule, .text = ssram_text,
	  .doc = "software SRAM: true (2.3-2.7), or regions { cache, vcpus, size } (3.x)"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "psram", .key = "--psram", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .releases = {.since = R(2, 3), .removed = R(2, 5)},
	  .doc = "ssram's older name (2.3-2.4)"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "vtpm2", .key = "--vtpm2", .type = ACRN_TYPE_PATH, .rule = vtpm2_rule,
	  .text = vtpm2_text,
	  .doc = "software TPM socket (rendered sock_path=PATH)"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "acpidev_pt", .key = "--acpidev_pt", .type = ACRN_TYPE_RECORDS,
	  .record = &acpidev, .repeat = true, .max_items = 8, .releases = {.since = R(2, 3)},
	  .doc = "ACPI devices passed through: list of { hid, uid, … }"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "mmiodev_pt", .key = "--mmiodev_pt", .type = ACRN_TYPE_RECORDS,
	  .record = &mmiodev, .repeat = true, .max_items = 2, .releases = {.since = R(2, 1)},
	  .doc = "MMIO ranges passed through: list of { base, size }"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "cmd_monitor", .key = "--cmd_monitor", .type = ACRN_TYPE_PATH,
	  .releases = {.since = R(3, 0)}, .doc = "command monitor socket"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "iasl", .key = "--iasl", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
	  .releases = {.since = R(3, 1)}, .doc = "the iasl compiler (>= 20190703)"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "mac_seed", .key = "--mac_seed", .type = ACRN_TYPE_STRING,
	  .releases = {.removed = R(3, 0)},
	  .doc = "seed for generated MACs; from 3.0 rendered into each virtio_net without a mac"},
	 ACRN_PLACE_AFTER, R(3, 0)},
	{{.name = "pm_notify_channel", .key = "--pm_notify_channel", .type = ACRN_TYPE_CHOICE,
	  .choices = pm_channels, .releases = {.since = R(1, 3), .ignored = R(3, 0)},
	  .rule = pm_notify_rule, .doc = "power management channel"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "pm_by_vuart", .key = "--pm_by_vuart", .type = ACRN_TYPE_STRING,
	  .releases = OBSOLETE_3, .rule = pm_by_vuart_rule,
	  .doc = "power management over a vUART: \"pty,PATH\" or \"tty,PATH\""},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "mptgen", .key = "-Y", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .releases = OBSOLETE_3, .doc = "no MP table"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "ioc_node", .key = "-i", .type = ACRN_TYPE_PATH, .releases = OBSOLETE_3,
	  .doc = "IOC mediator device"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "vsbl", .key = "--vsbl", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
	  .releases = OBSOLETE_3, .doc = "virtual slim bootloader"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "part_info", .key = "--part_info", .type = ACRN_TYPE_PATH,
	  .releases = OBSOLETE_3, .doc = "partition info for vsbl"},
	 ACRN_PLACE_AFTER, 0},
	{{.name = "elf", .key = "-E", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
	  .doc = "an ELF image to boot"},
	 ACRN_PLACE_BOOT, 0},
	{{.name = "kernel", .key = "-k", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
	  .doc = "kernel image"},
	 ACRN_PLACE_BOOT, 0},
	{{.name = "ramdisk", .key = "-r", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
	  .doc = "initial ramdisk"},
	 ACRN_PLACE_BOOT, 0},
	{{.name = "bootargs", .key = "-B", .type = ACRN_TYPE_BOOTARGS,
	  .doc = "kernel command line: a string or a list of parameters"},
	 ACRN_PLACE_BOOT, 0},
	{{.name = "raw", .type = ACRN_TYPE_LIST, .element = &raw_item_field, .rule = raw_rule,
	  .doc = "extra arguments for what the catalogue lacks, passed last (with a warning)"},
	 ACRN_PLACE_LAST, 0},
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
	char release[16];
	if (emulation)
		releases = emulation->releases;
	else if (option >= 0)
		releases = options[option].field.releases;
	else {
		acrn_fail(error, 0, "no device or option is called \"%s\"", name);
		return -ENOENT;
	}
	if (option >= 0 && options[option].into_devices_since &&
	    target->release >= options[option].into_devices_since)
		return 0;
	/* what the target ignores, it does not support */
	if (releases.ignored && target->release >= releases.ignored)
		return acrn_fail(error, 0, "%s is ignored by acrn-dm from ACRN %s on (target %s)",
				 name, acrn_release_text(releases.ignored, release), target->name);
	return acrn_releases_check(&releases, target, "", name, NULL, 0, error);
}
