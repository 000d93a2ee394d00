/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The emulations acrn-dm has (acrn-dm.md, "PCI devices: -s"), as data: their
 * fields, release ranges and how they render; a rule or text function only
 * where a device's grammar is not a ','-joined list of its fields.
 */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIELDS(array) .fields = (array), .field_count = sizeof(array) / sizeof((array)[0])

/* Field indexes of the emulations whose rules look at several fields. */
enum { BLK_BOOT, BLK_IOTHREAD, BLK_MQ, BLK_PATH, BLK_NODISK };
enum { NET_TAP, NET_MAC_SEED, NET_VHOST, NET_MAC, NET_MACVTAP };
enum { PORT_BACKEND, PORT_NAME, PORT_PATH, PORT_MODE, PORT_CONSOLE };
enum { UART_VUART, UART_BACKEND };
enum { XHCI_PORTS, XHCI_TABLET, XHCI_LOG, XHCI_CAP };
enum { PASSTHRU_BDF, PASSTHRU_GPU };
enum { I2C_BUS, I2C_CLIENTS };
enum { CLIENT_ADDRESS, CLIENT_NODE };
enum { COM5_BACKEND, COM5_IOPORT, COM5_IRQ };
enum { INPUT_PATH, INPUT_NAME, INPUT_PHYS, INPUT_SERIAL };

/* ---- rules about a device or a table as a whole ---------------------------- */

static int virtio_blk_rule(const struct acrn_vm *vm, const struct acrn_device *device, size_t index,
			   struct acrn_error *error)
{
	char shown[128];
	const struct acrn_value *path = &device->values[BLK_PATH],
				*nodisk = &device->values[BLK_NODISK];
	if (path->set && nodisk->set && nodisk->flag)
		return acrn_device_fail(error, device, index,
					"give either path or nodisk = true, not both");
	if (!path->set && !(nodisk->set && nodisk->flag))
		return acrn_device_fail(error, device, index,
					"needs a path, or nodisk = true for an empty placeholder");
	/* acrn-dm turns any path containing "nodisk" into a placeholder */
	if (path->set && strstr(path->text, "nodisk"))
		return acrn_device_fail(
			error, device, index,
			"path %s contains \"nodisk\", which acrn-dm would take for an "
			"empty placeholder; use nodisk = true for that, or rename the file",
			acrn_describe(path->text, path->length, shown));
	/* 3.1 and 3.2 read a first word "iothread", 3.3 any word starting with
	 * "iothread" or "mq", as an option rather than the path */
	int release = vm->target->release;
	if (path->set && ((release >= R(3, 3) && (strncmp(path->text, "iothread", 8) == 0 ||
						  strncmp(path->text, "mq", 2) == 0)) ||
			  (release >= R(3, 1) && strcmp(path->text, "iothread") == 0)))
		return acrn_device_fail(error, device, index,
					"path %s would be read by acrn-dm %s as an option, not a path; "
					"give it as ./%s",
					acrn_describe(path->text, path->length, shown),
					vm->target->name, path->text);
	const struct acrn_value *iothread = &device->values[BLK_IOTHREAD];
	if (iothread->set && !iothread->flag && release < R(3, 3))
		return acrn_device_fail(error, device, index,
					"iothread = %lld needs ACRN 3.3 or later (target %s): 3.1 and "
					"3.2 take one I/O thread, iothread = true",
					iothread->number, vm->target->name);
	return 0;
}

/* The VM's mac_seed, where from 3.0 it goes into each virtio-net. */
static const struct acrn_value *inherited_mac_seed(const struct acrn_vm *vm)
{
	if (vm->target->release < R(3, 0) || !vm->options[OPTION_MAC_SEED].set)
		return NULL;
	return &vm->options[OPTION_MAC_SEED];
}

static int virtio_net_rule(const struct acrn_vm *vm, const struct acrn_device *device, size_t index,
			   struct acrn_error *error)
{
	char shown[128];
	const struct acrn_value *tap = &device->values[NET_TAP];
	/* Up to 2.0 acrn-dm opens the interface only for these prefixes; 2.1 to
	 * 2.7 for a name that contains "tap" or starts with "vmnet". */
	int release = vm->target->release;
	bool vmnet = strncmp(tap->text, "vmnet", 5) == 0;
	if (release < R(2, 1) && strncmp(tap->text, "tap", 3) != 0 && !vmnet)
		return acrn_device_fail(error, device, index,
					"tap %s must start with \"tap\" or \"vmnet\": acrn-dm %s opens "
					"no other interface (a macvtap must be named so too)",
					acrn_describe(tap->text, tap->length, shown),
					vm->target->name);
	if (release >= R(2, 1) && release < R(3, 0) && !strstr(tap->text, "tap") && !vmnet)
		return acrn_device_fail(error, device, index,
					"tap %s must contain \"tap\" or start with \"vmnet\": acrn-dm "
					"%s opens no other interface (a macvtap must be named so too)",
					acrn_describe(tap->text, tap->length, shown),
					vm->target->name);
	/* mac_seed= takes the rest of the string: a mac would win over it, and a
	 * vhost after it would become part of the seed */
	if (device->values[NET_MAC_SEED].set &&
	    (device->values[NET_MAC].set || device->values[NET_VHOST].flag))
		return acrn_device_fail(error, device, index,
					"mac_seed cannot go with mac (the MAC would win) or vhost "
					"(acrn-dm reads everything after mac_seed= as the seed)");
	if (inherited_mac_seed(vm) && !device->values[NET_MAC].set &&
	    device->values[NET_VHOST].flag)
		return acrn_device_fail(error, device, index,
					"the VM's mac_seed goes into this device from ACRN 3.0, where "
					"it cannot go with vhost; give the device a mac");
	return 0;
}

/* The host's integrated GPU: 00:02.0. */
static bool is_host_gpu(const struct acrn_value *bdf)
{
	unsigned bus, slot, function;
	return bdf->set && acrn_bdf_parse(bdf->text, &bus, &slot, &function) == 0 && bus == 0 &&
	       slot == 2 && function == 0;
}

/* Whether the VM is real-time as acrn-dm sees it: --rtvm, and up to 2.7
 * also --lapic_pt. */
static bool realtime(const struct acrn_vm *vm)
{
	return vm->options[OPTION_RTVM].flag ||
	       (vm->target->release < R(3, 0) && vm->options[OPTION_LAPIC_PT].flag);
}

static int passthru_rule(const struct acrn_vm *vm, const struct acrn_device *device, size_t index,
			 struct acrn_error *error)
{
	const struct acrn_value *values = device->values;
	if ((is_host_gpu(&values[PASSTHRU_BDF]) || values[PASSTHRU_GPU].flag) && realtime(vm))
		return acrn_device_fail(error, device, index,
					"acrn-dm refuses to pass a GPU through to a real-time VM "
					"(\"RTVM doesn't support GVT-D\")");
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

/* The inverse: the fields in any order; mac_seed= takes the rest (its
 * field is `rest`), as acrn-dm reads it. */
static int virtio_net_scan(const struct acrn_scan *scan, const struct acrn_emulation *emulation,
			   const char *config, struct acrn_value *values)
{
	if (!config)
		return 0;
	return acrn_scan_fields(scan, emulation->fields, emulation->field_count, values, config,
				strlen(config));
}

static int uart_rule(const struct acrn_vm *vm, const struct acrn_device *device, size_t index,
		     struct acrn_error *error)
{
	(void)vm;
	if (device->values[UART_VUART].set == device->values[UART_BACKEND].set)
		return acrn_device_fail(error, device, index,
					"give exactly one of vuart_idx and backend");
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

/* vuart_idx:N back to N; anything else is not this field's. */
static int vuart_scan(const struct acrn_scan *scan, const struct acrn_field *field,
		      const char *text, size_t length, struct acrn_value *value)
{
	size_t name = strlen(field->name);
	*value = (struct acrn_value){.set = true};
	if (length > name + 1 && strncmp(text, field->name, name) == 0 && text[name] == ':' &&
	    acrn_scan_number(text + name + 1, length - name - 1, false, &value->number))
		return 0;
	return acrn_scan_fail(scan, -ENOENT, "%.*s is not vuart_idx:N", (int)length, text);
}

/* debug level N, written dN */
static int heci_debug_text(const struct acrn_context *context, const struct acrn_field *field,
			   const struct acrn_value *value, char *buffer, size_t size)
{
	(void)context;
	(void)field;
	int n = snprintf(buffer, size, "d%lld", value->number);
	return n >= 0 && (size_t)n < size ? 0 : -ENOSPC;
}

static int heci_debug_scan(const struct acrn_scan *scan, const struct acrn_field *field,
			   const char *text, size_t length, struct acrn_value *value)
{
	(void)field;
	*value = (struct acrn_value){.set = true};
	if (length >= 2 && text[0] == 'd' &&
	    acrn_scan_number(text + 1, length - 1, false, &value->number))
		return 0;
	return acrn_scan_fail(scan, -ENOENT, "%.*s is not a debug level dN", (int)length, text);
}

/* npk: OFFSET/COUNT of the trace hub's masters, both multiples of 8 */
static int npk_masters_rule(const struct acrn_context *context, const struct acrn_field *field,
			    const struct acrn_value *value)
{
	const char *slash = strchr(value->text, '/');
	if (acrn_number_pair(value->text, false) && strtol(value->text, NULL, 10) % 8 == 0 &&
	    strtol(slash + 1, NULL, 10) % 8 == 0 && strtol(slash + 1, NULL, 10) > 0)
		return 0;
	return acrn_refuse(context, field, value,
			   "is not OFFSET/COUNT, multiples of 8 (acrn-dm silently takes 256/256 "
			   "for anything else)");
}


static int ivshmem_size_rule(const struct acrn_context *context, const struct acrn_field *field,
			     const struct acrn_value *value)
{
	if (acrn_power_of_two(value->number))
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

/* xhci: BUS-PORT[:BUS-PORT…][:tablet][:log=X][:cap=apl], ':' between items as
 * ACRN's own scripts write it (acrn-dm splits at ',' and ':' alike) */
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
		rc = acrn_appendf(buffer, size, &at, "%stablet", at ? ":" : "");
	if (rc == 0 && values[XHCI_LOG].set)
		rc = acrn_appendf(buffer, size, &at, "%slog=%s", at ? ":" : "",
				  values[XHCI_LOG].text);
	if (rc == 0 && values[XHCI_CAP].set)
		rc = acrn_appendf(buffer, size, &at, "%scap=%s", at ? ":" : "",
				  values[XHCI_CAP].text);
	return rc;
}

/* The inverse, as lenient as acrn-dm: ',' and ':' alike split, empty
 * pieces skipped; a piece starting with a digit is a port, else it starts
 * with tablet, log or cap; log= keeps its first letter (F when it is none
 * of F W I D V); anything else fails the device in acrn-dm. */
static int xhci_scan(const struct acrn_scan *scan, const struct acrn_emulation *emulation,
		     const char *config, struct acrn_value *values)
{
	size_t length = config ? strlen(config) : 0, ports = 0;
	if (!length)
		return acrn_scan_fail(scan, -EINVAL,
				      "needs a configuration (acrn-dm refuses none)");
	for (size_t i = 0; i < length; i++)
		ports += isdigit((unsigned char)config[i]) &&
			 (i == 0 || strchr(",:", config[i - 1]));
	struct acrn_value *items = acrn_scan_values(scan, ports);
	if (!items)
		return -ENOMEM;
	for (size_t at = 0; at < length;) {
		size_t size = strcspn(config + at, ",:");
		const char *piece = config + at;
		at += size + 1;
		if (size == 0)
			continue;
		if (isdigit((unsigned char)piece[0])) {
			struct acrn_value *port = &items[values[XHCI_PORTS].count++];
			int rc = acrn_scan_value(scan, emulation->fields[XHCI_PORTS].element, piece,
						 size, port);
			if (rc < 0)
				return rc;
			values[XHCI_PORTS] = (struct acrn_value){.set = true,
								 .items = items,
								 .count = values[XHCI_PORTS].count};
		} else if (strncmp(piece, "tablet", 6) == 0) {
			values[XHCI_TABLET] = (struct acrn_value){.set = true, .flag = true};
		} else if (strncmp(piece, "log", 3) == 0) {
			const char *equals = memchr(piece, '=', size);
			char letter = equals && equals + 1 < piece + size
					      ? (char)toupper((unsigned char)equals[1])
					      : 'F';
			const struct acrn_choice *choice = emulation->fields[XHCI_LOG].choices;
			while (choice->name && choice->name[0] != letter)
				choice++;
			values[XHCI_LOG] = (struct acrn_value){.set = true,
							       .text = choice->name ? choice->name
										    : "F",
							       .length = 1};
		} else if (strncmp(piece, "cap", 3) == 0) {
			const char *equals = memchr(piece, '=', size);
			if (!equals || (size_t)(piece + size - equals - 1) != 3 ||
			    strncmp(equals + 1, "apl", 3) != 0)
				return acrn_scan_fail(scan, -ENOENT,
						      "%.*s: acrn-dm knows only cap=apl and ignores "
						      "others",
						      (int)size, piece);
			values[XHCI_CAP] =
				(struct acrn_value){.set = true, .text = "apl", .length = 3};
		} else {
			return acrn_scan_fail(scan, -EINVAL,
					      "%.*s is not a port, tablet, log or cap (acrn-dm fails "
					      "the device)",
					      (int)size, piece);
		}
	}
	return 0;
}

static int xhci_rule(const struct acrn_vm *vm, const struct acrn_device *device, size_t index,
		     struct acrn_error *error)
{
	(void)vm;
	if (!device->values[XHCI_PORTS].set && !device->values[XHCI_TABLET].flag)
		return acrn_device_fail(error, device, index,
					"needs ports or tablet = true (acrn-dm requires a "
					"configuration)");
	return 0;
}

/* 3.0 shows one screen, 3.1 on two (acrn-dm writes a third past its
 * array). */
static int gpu_screens_rule(const struct acrn_context *context, const struct acrn_field *field,
			    const struct acrn_value *value)
{
	size_t most = context->vm->target->release < R(3, 1) ? 1 : 2;
	if (value->count <= most)
		return 0;
	return acrn_fail(context->error, context->device,
			 "%s: %s has %zu screens; acrn-dm %s shows at most %zu", context->owner,
			 field->name, value->count, context->vm->target->name, most);
}

/* xhci: a host USB port BUS-PORT; up to 3.2 acrn-dm also bounds them. */
static int xhci_port_rule(const struct acrn_context *context, const struct acrn_field *field,
			  const struct acrn_value *value)
{
	int rc = acrn_xhci_port_rule(context, field, value);
	int release = context->vm->target->release;
	if (rc < 0 || release >= R(3, 3))
		return rc;
	long bus = strtol(value->text, NULL, 10);
	long port = strtol(strchr(value->text, '-') + 1, NULL, 10);
	long buses = release < R(2, 5) ? 4 : 5;
	if (bus < buses && port < 20)
		return 0;
	char why[128];
	snprintf(why, sizeof why, "is out of acrn-dm %s's range (bus below %ld, port below 20)",
		 context->vm->target->name, buses);
	return acrn_refuse(context, field, value, why);
}

static int port_name_rule(const struct acrn_context *context, const struct acrn_field *field,
			  const struct acrn_value *value)
{
	if (!strpbrk(value->text, ",:=@"))
		return 0;
	return acrn_refuse(context, field, value,
			   "contains one of , : = @, which acrn-dm splits at");
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
static int console_port_text(const struct acrn_context *context, const struct acrn_record *record,
			     const struct acrn_value *port, char *buffer, size_t size, size_t *at)
{
	(void)context, (void)record;
	const char *backend = port[PORT_BACKEND].text;
	bool named = port[PORT_NAME].set;
	int rc = acrn_appendf(buffer, size, at, "%s%s:%s%s", port[PORT_CONSOLE].flag ? "@" : "",
			      backend, named ? port[PORT_NAME].text : backend,
			      named ? "" : "_port");
	if (rc == 0 && port[PORT_PATH].set)
		rc = acrn_appendf(buffer, size, at, "=%s", port[PORT_PATH].text);
	if (rc == 0 && port[PORT_MODE].set)
		rc = acrn_appendf(buffer, size, at, ":%s", port[PORT_MODE].text);
	return rc;
}

static int console_ports_text(const struct acrn_context *context, const struct acrn_field *field,
			      const struct acrn_value *value, char *buffer, size_t size)
{
	return acrn_render_joined(context, field, value, ",", console_port_text, buffer, size);
}

/* The inverse: each port [@]BACKEND:NAME[=PATH][:MODE]; NAME BACKEND_port
 * is the default.  acrn-dm refuses a port without a name or backend. */
static int console_port_scan(const struct acrn_scan *scan, const struct acrn_record *record,
			     struct acrn_value *port, const char *piece, size_t size)
{
	if (size && piece[0] == '@') {
		port[PORT_CONSOLE] = (struct acrn_value){.set = true, .flag = true};
		piece++;
		size--;
	}
	const char *colon = memchr(piece, ':', size);
	if (!colon)
		return acrn_scan_fail(scan, -EINVAL,
				      "port %.*s has no BACKEND:NAME (acrn-dm refuses it)",
				      (int)size, piece);
	int rc = acrn_scan_value(scan, &record->fields[PORT_BACKEND], piece,
				 (size_t)(colon - piece), &port[PORT_BACKEND]);
	if (rc == -ENOENT)
		return acrn_scan_fail(scan, -EINVAL, "port %.*s: acrn-dm has no backend %.*s",
				      (int)size, piece, (int)(colon - piece), piece);
	if (rc < 0)
		return rc;
	const char *name = colon + 1, *end = piece + size;
	const char *equals = memchr(name, '=', (size_t)(end - name));
	const char *name_end = equals ? equals : end;
	const char *backend = port[PORT_BACKEND].text;
	size_t backend_length = strlen(backend);
	if (name_end == name)
		return acrn_scan_fail(scan, -EINVAL, "port %.*s has no name (acrn-dm refuses it)",
				      (int)size, piece);
	/* BACKEND_port is the name the renderer writes for none */
	if (!((size_t)(name_end - name) == backend_length + 5 &&
	      strncmp(name, backend, backend_length) == 0 &&
	      strncmp(name + backend_length, "_port", 5) == 0) &&
	    (rc = acrn_scan_value(scan, &record->fields[PORT_NAME], name, (size_t)(name_end - name),
				  &port[PORT_NAME])) < 0)
		return rc;
	if (!equals)
		return 0;
	const char *path = equals + 1, *path_end = end;
	const char *mode = strcmp(backend, "socket") == 0 ? memchr(path, ':', (size_t)(end - path))
							  : NULL;
	if (mode) {
		rc = acrn_scan_value(scan, &record->fields[PORT_MODE], mode + 1,
				     (size_t)(end - mode - 1), &port[PORT_MODE]);
		if (rc == -ENOENT)
			return acrn_scan_fail(scan, -EINVAL,
					      "port %.*s: a socket is :server or :client "
					      "(acrn-dm refuses others)",
					      (int)size, piece);
		if (rc < 0)
			return rc;
		path_end = mode;
	}
	return acrn_scan_value(scan, &record->fields[PORT_PATH], path, (size_t)(path_end - path),
			       &port[PORT_PATH]);
}

static int console_ports_scan(const struct acrn_scan *scan, const struct acrn_field *field,
			      const char *text, size_t length, struct acrn_value *value)
{
	return acrn_scan_split(scan, field, text, length, ',', console_port_scan, value);
}

static int virtio_input_rule(const struct acrn_vm *vm, const struct acrn_device *device,
			     size_t index, struct acrn_error *error)
{
	(void)vm;
	const struct acrn_value *values = device->values;
	if (values[INPUT_PATH].set == values[INPUT_NAME].set)
		return acrn_device_fail(error, device, index,
					"give either path or name (the device found at launch)%s",
					values[INPUT_PATH].set ? ", not both" : "");
	if (values[INPUT_PHYS].set && !values[INPUT_NAME].set)
		return acrn_device_fail(error, device, index, "phys goes with name, not with path");
	return 0;
}

/* PATH[,SERIAL]: the path given, or the one of the input device the host
 * facts know by its name (and physical path).  Without host facts (a check
 * with no host, as import's) the device is named for what it will be. */
static int virtio_input_text(const struct acrn_context *context, const struct acrn_device *device,
			     char *buffer, size_t size)
{
	const struct acrn_value *values = device->values;
	const struct acrn_host_facts *facts = context->vm->facts;
	const char *name = values[INPUT_NAME].text;
	const char *phys = values[INPUT_PHYS].set ? values[INPUT_PHYS].text : NULL;
	char path[ACRN_PATH_MAX], shown[128], shown_phys[128] = "";
	unsigned event;
	size_t count;
	if (values[INPUT_PATH].set)
		snprintf(path, sizeof path, "%s", values[INPUT_PATH].text);
	else if (!facts)
		snprintf(path, sizeof path, "input:%s", name);
	else if (acrn_input_event(facts, name, phys, &event, &count) == 0)
		snprintf(path, sizeof path, "/dev/input/event%u", event);
	else {
		if (phys)
			snprintf(shown_phys, sizeof shown_phys, " at phys %.100s",
				 acrn_describe(phys, strlen(phys), shown));
		acrn_describe(name, strlen(name), shown);
		if (count == 0)
			return acrn_fail(context->error, context->device,
					 "%s: no input device is named %s%s in %s", context->owner,
					 shown, shown_phys,
					 facts->inputs_source ? facts->inputs_source
							      : "the host facts");
		return acrn_fail(context->error, context->device,
				 "%s: %zu input devices are named %s%s in %s: give %s",
				 context->owner, count, shown, shown_phys,
				 facts->inputs_source ? facts->inputs_source : "the host facts",
				 phys ? "path" : "phys to tell them apart");
	}
	size_t at = 0;
	int rc = acrn_append_piece(buffer, size, &at, NULL, path);
	if (rc == 0 && values[INPUT_SERIAL].set)
		rc = acrn_append_piece(buffer, size, &at, NULL, values[INPUT_SERIAL].text);
	return rc;
}

/* ---- emulations -------------------------------------------------------------- */

/* The tables are laid out by hand, one entry a block: clang-format would
 * put every designated initializer on its own line. */
/* clang-format off */

static const struct acrn_choice cache_modes[] = {{.name = "writeback"}, {.name = "writethru"}, {.name = NULL}};
static const struct acrn_choice aio_modes[] = {{.name = "threads"}, {.name = "io_uring"}, {.name = NULL}};
static const struct acrn_choice backends[] = {{.name = "stdio"}, {.name = "pty"}, {.name = "tty"}, {.name = "file"}, {.name = "socket"},
					      {NULL}};
static const struct acrn_choice socket_modes[] = {{.name = "server"}, {.name = "client"}, {.name = NULL}};
static const struct acrn_choice xhci_caps[] = {{.name = "apl"}, {.name = NULL}};
static const struct acrn_choice xhci_logs[] = {{.name = "F"}, {.name = "W"}, {.name = "I"}, {.name = "D"}, {.name = "V"}, {.name = NULL}};
static const struct acrn_choice ivshmem_providers[] = {{.name = "dm"}, {.name = "hv"}, {.name = NULL}};
static const struct acrn_choice i2c_nodes[] = {{.name = "cam1"}, {.name = "cam2"}, {.name = "hdac"}, {.name = "default"}, {.name = NULL}};

static const struct acrn_field lpc_com5_fields[] = {
	[COM5_BACKEND] = {.name = "backend", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_VALUE,
			  .uses_stdio = true, .host = ACRN_HOST_UART, .doc = "as com1"},
	[COM5_IOPORT] = {.name = "ioport", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE,
			 .hex = true, .min = 1, .max = 0xffff,
			 .doc = "I/O port base (acrn-dm's default 0x9000; give irq too)"},
	[COM5_IRQ] = {.name = "irq", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE,
		      .min = 1, .max = 255, .doc = "interrupt line (acrn-dm's default 10)"},
};
/* com5[,BACKEND[,IOPORT,IRQ]] is read by position: no BACKEND shifts the
 * rest, and acrn-dm takes IOPORT only with IRQ. */
static int lpc_com5_rule(const struct acrn_context *context, const struct acrn_field *field,
			 const struct acrn_value *com5)
{
	(void)field;
	const struct acrn_value *items = com5->items;
	if (items[COM5_IOPORT].set != items[COM5_IRQ].set)
		return acrn_fail(context->error, context->device,
				 "%s: give ioport and irq together (acrn-dm refuses one alone)",
				 context->owner);
	if (items[COM5_BACKEND].set && items[COM5_BACKEND].length)
		return 0;
	if (!items[COM5_IOPORT].set)
		return 0;
	return acrn_fail(context->error, context->device,
			 "%s: needs a backend: acrn-dm reads com5,BACKEND,IOPORT,IRQ by position",
			 context->owner);
}
static const struct acrn_record lpc_com5 = RECORD_RULE(lpc_com5_fields, lpc_com5_rule);

static const struct acrn_field lpc_fields[] = {
	{.name = "com1", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_LPC, .uses_stdio = true,
	 .host = ACRN_HOST_UART, .effect = ACRN_EFFECT_CONSOLE,
	 .doc = "backend of COM1: stdio, tcp:PORT, a tty path, or \"\" for none"},
	{.name = "com2", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_LPC, .uses_stdio = true,
	 .host = ACRN_HOST_UART, .effect = ACRN_EFFECT_CONSOLE, .doc = "backend of COM2, as com1"},
	{.name = "com3", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_LPC, .uses_stdio = true,
	 .host = ACRN_HOST_UART, .effect = ACRN_EFFECT_CONSOLE, .releases = {.since = R(3, 3)},
	 .doc = "backend of COM3, as com1"},
	{.name = "com4", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_LPC, .uses_stdio = true,
	 .host = ACRN_HOST_UART, .effect = ACRN_EFFECT_CONSOLE, .releases = {.since = R(3, 3)},
	 .doc = "backend of COM4, as com1"},
	{.name = "com5", .type = ACRN_TYPE_RECORD, .render = ACRN_RENDER_LPC, .record = &lpc_com5,
	 .releases = {.since = R(3, 3)}, .effect = ACRN_EFFECT_CONSOLE,
	 .doc = "COM5: { backend, ioport, irq } (rendered com5,BACKEND[,0xPORT,IRQ])"},
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
/* What a port's path must be: a tty for tty, a socket to connect to for a
 * socket client, a place for acrn-dm to make a socket or file otherwise. */
static enum acrn_host_need console_port_need(const struct acrn_value *items, size_t field)
{
	const char *backend = items[PORT_BACKEND].text;
	if (field != PORT_PATH || !backend)
		return ACRN_HOST_NONE;
	if (strcmp(backend, "tty") == 0)
		return ACRN_HOST_TTY;
	if (strcmp(backend, "file") == 0)
		return ACRN_HOST_NEW_FILE;
	if (strcmp(backend, "socket") != 0)
		return ACRN_HOST_NONE;
	if (items[PORT_MODE].set && strcmp(items[PORT_MODE].text, "client") == 0)
		return ACRN_HOST_SOCKET;
	return ACRN_HOST_SOCKET_DIR;
}
static const struct acrn_record console_port = {
	.fields = console_port_fields,
	.count = sizeof console_port_fields / sizeof console_port_fields[0],
	.rule = console_port_rule,
	.host = console_port_need,
};

static const struct acrn_field virtio_console_fields[] = {
	{.name = "ports", .type = ACRN_TYPE_RECORDS, .render = ACRN_RENDER_VALUE,
	 .record = &console_port, .max_items = ACRN_CONSOLE_PORTS_MAX, .required = true,
	 .rule = console_ports_rule, .text = console_ports_text, .scan = console_ports_scan,
	 .effect = ACRN_EFFECT_CONSOLE,
	 .doc = "list of ports: { backend, name, path, console, mode }"},
};

/* The order of the fields is the order of the rendering. */
static const struct acrn_field virtio_net_fields[] = {
	[NET_TAP] = {.name = "tap", .type = ACRN_TYPE_IFNAME, .render = ACRN_RENDER_BARE,
		     .keyed_since = R(3, 0), .required = true, .effect = ACRN_EFFECT_TAP,
		     .effect_switch = "create", .effect_detail = "bridge",
		     .doc = "the tap (or macvtap) interface; rendered tap=NAME from 3.0"},
	[NET_MAC_SEED] = {.name = "mac_seed", .type = ACRN_TYPE_STRING, .rule = acrn_seed_rule,
			  .render = ACRN_RENDER_KEYED, .rest = true, .releases = {.since = R(3, 0)},
			  .instead = "before 3.0 the seed is the VM's: set mac_seed in acrn.vm",
			  .doc = "seed for a generated MAC, any text (before 3.0: the VM's mac_seed)"},
	[NET_VHOST] = {.name = "vhost", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
		       .doc = "use the vhost-net kernel backend"},
	[NET_MAC] = {.name = "mac", .type = ACRN_TYPE_MAC, .render = ACRN_RENDER_KEYED,
		     .doc = "the guest's MAC address, unicast and not zero"},
	[NET_MACVTAP] = {.name = "macvtap", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_NONE,
			 .doc = "the interface is a macvtap (rendered like a tap)"},
	{.name = "create", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_NONE,
	 .doc = "create the tap before launch when missing (deleted again after)"},
	{.name = "bridge", .type = ACRN_TYPE_IFNAME, .render = ACRN_RENDER_NONE,
	 .doc = "with create: the bridge to put the tap on, when it exists (acrn-br0)"},
};

static const struct acrn_field virtio_blk_fields[] = {
	[BLK_BOOT] = {.name = "boot", .key = "b", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
		      .releases = {.ignored = R(3, 0)},
		      .doc = "the vSBL boot disk (b,), with vsbl; 3.x has no vSBL"},
	[BLK_IOTHREAD] = {.name = "iothread", .type = ACRN_TYPE_INTEGER,
			  .render = ACRN_RENDER_KEYED, .min = 1, .max = 40, .flag_ok = true,
			  .releases = {.since = R(3, 1)},
			  .doc = "true (3.1+), or the number of I/O threads (3.3+)"},
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
	 .flag_ok = true, .rule = acrn_discard_rule,
	 .doc = "true, or \"MAX_SECTORS:MAX_SEGMENTS:ALIGNMENT\""},
	{.name = "sectorsize", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_KEYED,
	 .rule = acrn_sectorsize_rule, .doc = "\"LOGICAL\" or \"LOGICAL/PHYSICAL\" bytes"},
	{.name = "range", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_KEYED,
	 .rule = acrn_range_rule, .doc = "\"START_LBA/SECTORS\": a part of the disk"},
	{.name = "nocache", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	 .releases = {.since = R(3, 3)}, .doc = "O_DIRECT"},
	{.name = "no_bst_block", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	 .releases = {.since = R(3, 3)}, .doc = "do not block on a busy backend"},
	{.name = "aio", .type = ACRN_TYPE_CHOICE, .render = ACRN_RENDER_KEYED,
	 .choices = aio_modes, .releases = {.since = R(3, 3)}, .doc = "threads or io_uring"},
	{.name = "drive", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_NONE, .min = 0,
	 .max = 1023, .unique = true, .effect = ACRN_EFFECT_DRIVE,
	 .doc = "drive index, for placing disks into placeholders later"},
};

static const struct acrn_field passthru_fields[] = {
	[PASSTHRU_BDF] = {.name = "bdf", .type = ACRN_TYPE_BDF, .render = ACRN_RENDER_VALUE,
			  .required = true, .unique = true, .effect = ACRN_EFFECT_PCI_STUB,
			  .effect_switch = "prepare", .effect_default = ACRN_SWITCH_ON,
			  .doc = "host device, \"00:1f.3\" or \"0/1f/3\" (rendered 0/1f/3)"},
	[PASSTHRU_GPU] = {.name = "gpu", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
			  .releases = {.ignored = R(2, 7)},
			  .doc = "a GPU: acrn-dm adds the igd-lpc at 0:31.0 (from 2.7 it does so for "
				 "the host's 00:02.0 by itself)"},
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
	 .host = ACRN_HOST_FILE, .releases = {.since = R(3, 2)},
	 .doc = "option ROM (acrn-dm uses it for display devices only)"},
	{.name = "irq", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED, .min = 0,
	 .max = 255, .releases = {.since = R(3, 3)}, .doc = "legacy interrupt line"},
	{.name = "dsdt", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_KEYED,
	 .host = ACRN_HOST_FILE, .releases = {.since = R(3, 3)}, .doc = "ACPI DSDT fragment"},
	{.name = "prepare", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_NONE,
	 .doc = "bind the host device to pci-stub before launch (default true)"},
};

static const struct acrn_field uart_fields[] = {
	[UART_VUART] = {.name = "vuart_idx", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE,
			.min = 0, .max = 7, .text = vuart_text, .scan = vuart_scan,
			.releases = {.since = R(2, 3)},
			.instead = "before 2.3 acrn-dm opens vuart_idx:N as a tty path",
			.doc = "the hypervisor's vUART number (vuart_idx:N)"},
	[UART_BACKEND] = {.name = "backend", .type = ACRN_TYPE_UART, .render = ACRN_RENDER_VALUE,
			  .uses_stdio = true, .host = ACRN_HOST_UART,
			  .doc = "or a backend as for the LPC UARTs"},
};

static const struct acrn_field xhci_port_field = {.name = "port", .type = ACRN_TYPE_STRING,
						  .rule = xhci_port_rule};
static const struct acrn_field xhci_fields[] = {
	[XHCI_PORTS] = {.name = "ports", .type = ACRN_TYPE_LIST, .element = &xhci_port_field,
			.separator = ":",
			.doc = "host USB ports, { \"1-2\", \"2-4\" } (rendered 1-2:2-4)"},
	[XHCI_TABLET] = {.name = "tablet", .type = ACRN_TYPE_BOOL, .doc = "a USB tablet"},
	[XHCI_LOG] = {.name = "log", .type = ACRN_TYPE_CHOICE, .choices = xhci_logs,
		      .doc = "log level: F(atal), W(arning), I(nfo), D(ebug), V(erbose)"},
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
static int ahci_port_text(const struct acrn_context *context, const struct acrn_record *record,
			  const struct acrn_value *port, char *buffer, size_t size, size_t *at)
{
	bool hd = port[0].set;
	int rc = acrn_appendf(buffer, size, at, "%s:%s", hd ? "hd" : "cd", port[hd ? 0 : 1].text);
	return rc < 0 ? rc
		      : acrn_render_fields(context, record->fields + 2, 2, port + 2, buffer, size,
					   at);
}

static int ahci_ports_text(const struct acrn_context *context, const struct acrn_field *field,
			   const struct acrn_value *value, char *buffer, size_t size)
{
	return acrn_render_joined(context, field, value, ",", ahci_port_text, buffer, size);
}

/* The inverse: ports start at hd: or cd: (the first may have neither: a
 * disk), each PATH followed by its options. */
static int ahci_ports_scan(const struct acrn_scan *scan, const struct acrn_field *field,
			   const char *text, size_t length, struct acrn_value *value)
{
	const struct acrn_record *record = field->record;
	size_t count = 1;
	for (size_t i = 1; i + 3 < length; i++)
		count += text[i - 1] == ',' && (strncmp(text + i, "hd:", 3) == 0 ||
						 strncmp(text + i, "cd:", 3) == 0);
	struct acrn_value *items = acrn_scan_records(scan, field, count, value);
	if (!items)
		return -ENOMEM;
	size_t at = 0;
	for (size_t i = 0; i < count; i++) {
		struct acrn_value *port = items + i * record->count;
		bool cd = strncmp(text + at, "cd:", 3) == 0;
		at += cd || strncmp(text + at, "hd:", 3) == 0 ? 3 : 0;
		size_t end = at, path_end;
		/* this port ends where the next hd: or cd: starts */
		while (end < length && !(text[end] == ',' && (strncmp(text + end + 1, "hd:", 3) == 0 ||
							      strncmp(text + end + 1, "cd:", 3) == 0)))
			end++;
		path_end = at;
		while (path_end < end && text[path_end] != ',')
			path_end++;
		int rc = acrn_scan_value(scan, &record->fields[cd ? 1 : 0], text + at,
					 path_end - at, &port[cd ? 1 : 0]);
		if (rc == 0 && path_end < end)
			rc = acrn_scan_fields(scan, record->fields + 2, record->count - 2, port + 2,
					      text + path_end + 1, end - path_end - 1);
		if (rc < 0)
			return rc;
		at = end + 1;
	}
	return 0;
}

static const struct acrn_field ahci_fields[] = {
	{.name = "ports", .type = ACRN_TYPE_RECORDS, .render = ACRN_RENDER_VALUE,
	 .record = &ahci_port, .max_items = 32, .required = true, .text = ahci_ports_text,
	 .scan = ahci_ports_scan,
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

static const struct acrn_choice on_off[] = {{.name = "on"}, {.name = "off"}, {.name = NULL}};
static const struct acrn_field virtio_rnd_fields[] = {
	{.name = "kernel", .type = ACRN_TYPE_CHOICE, .render = ACRN_RENDER_KEYED, .choices = on_off,
	 .doc = "on: the kernel's VBS-K back end serves it (acrn-dm falls back to its own when "
		"that fails); off: acrn-dm's own, its default"},
};

static const struct acrn_field virtio_input_fields[] = {
	[INPUT_PATH] = {.name = "path", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_VALUE,
			.host = ACRN_HOST_EVDEV, .doc = "the evdev device, /dev/input/eventN"},
	[INPUT_NAME] = {.name = "name", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_NONE,
			.at_launch = true, .doc = "instead of path: the device named so in /sys/class/input/eventN/"
			       "device/name, found at launch (event numbers change between boots)"},
	[INPUT_PHYS] = {.name = "phys", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_NONE,
			.at_launch = true, .doc = "with name: its physical path, as /sys/class/input/eventN/device/phys "
			       "says"},
	[INPUT_SERIAL] = {.name = "serial", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_VALUE,
			  .doc = "serial number shown to the guest"},
};

static const struct acrn_field i2c_client_fields[] = {
	[CLIENT_ADDRESS] = {.name = "address", .type = ACRN_TYPE_INTEGER, .min = 0, .max = 0x7f,
			    .required = true, .doc = "client address, at most 0x7f"},
	[CLIENT_NODE] = {.name = "node", .type = ACRN_TYPE_CHOICE, .choices = i2c_nodes,
			 .doc = "the ACPI node acrn-dm gives the client: cam1, cam2, hdac"},
};
static const struct acrn_record i2c_client = RECORD(i2c_client_fields);
static const struct acrn_field i2c_client_field = {.name = "client", .type = ACRN_TYPE_RECORD,
						   .record = &i2c_client, .shorthand = "address"};
static const struct acrn_field i2c_adapter_fields[] = {
	[I2C_BUS] = {.name = "bus", .type = ACRN_TYPE_INTEGER, .min = 0, .max = 255,
		     .required = true, .doc = "host I2C bus number"},
	[I2C_CLIENTS] = {.name = "addresses", .type = ACRN_TYPE_LIST, .element = &i2c_client_field,
			 .doc = "client addresses (at most 0x7f), each a number or "
				"{ address, node }"},
};
static const struct acrn_record i2c_adapter = RECORD(i2c_adapter_fields);

/* BUS[:ADDR[@NODE]…], ','-joined; addresses in hex */
static int i2c_adapter_text(const struct acrn_context *context, const struct acrn_record *record,
			    const struct acrn_value *adapter, char *buffer, size_t size, size_t *at)
{
	(void)context, (void)record;
	const struct acrn_value *clients = &adapter[I2C_CLIENTS];
	int rc = acrn_appendf(buffer, size, at, "%lld", adapter[I2C_BUS].number);
	for (size_t a = 0; clients->set && a < clients->count && rc == 0; a++) {
		const struct acrn_value *client = clients->items[a].items;
		rc = acrn_appendf(buffer, size, at, ":%llx", client[CLIENT_ADDRESS].number);
		if (rc == 0 && client[CLIENT_NODE].set)
			rc = acrn_appendf(buffer, size, at, "@%s", client[CLIENT_NODE].text);
	}
	return rc;
}

static int i2c_text(const struct acrn_context *context, const struct acrn_field *field,
		    const struct acrn_value *value, char *buffer, size_t size)
{
	return acrn_render_joined(context, field, value, ",", i2c_adapter_text, buffer, size);
}

/* The inverse: BUS decimal, each ADDR hex (0x optional), @NODE a choice. */
static int i2c_adapter_scan(const struct acrn_scan *scan, const struct acrn_record *record,
			    struct acrn_value *adapter, const char *piece, size_t size)
{
	const struct acrn_record *client_record = record->fields[I2C_CLIENTS].element->record;
	const char *colon = memchr(piece, ':', size), *end = piece + size;
	const char *bus_end = colon ? colon : end;
	adapter[I2C_BUS].set = true;
	if (!acrn_scan_number(piece, (size_t)(bus_end - piece), false, &adapter[I2C_BUS].number))
		return acrn_scan_fail(scan, -ENOENT, "adapter %.*s has no bus number", (int)size,
				      piece);
	size_t clients = 0;
	for (const char *k = bus_end; k < end; k++)
		clients += *k == ':';
	struct acrn_value *list = acrn_scan_values(scan, clients);
	struct acrn_value *tables = acrn_scan_values(scan, clients * client_record->count);
	if (!list || !tables)
		return -ENOMEM;
	if (clients)
		adapter[I2C_CLIENTS] = (struct acrn_value){.set = true, .items = list, .count = clients};
	const char *k = bus_end + 1;
	for (size_t c = 0; c < clients; c++) {
		const char *stop = memchr(k, ':', (size_t)(end - k));
		stop = stop ? stop : end;
		const char *at_sign = memchr(k, '@', (size_t)(stop - k));
		const char *address_end = at_sign ? at_sign : stop;
		struct acrn_value *client = tables + c * client_record->count;
		list[c] = (struct acrn_value){.set = true, .items = client, .count = 1};
		client[CLIENT_ADDRESS].set = true;
		if (!acrn_scan_number(k, (size_t)(address_end - k), true,
				      &client[CLIENT_ADDRESS].number))
			return acrn_scan_fail(scan, -ENOENT, "%.*s is not a hex address",
					      (int)(address_end - k), k);
		int rc = at_sign ? acrn_scan_value(scan, &client_record->fields[CLIENT_NODE],
						   at_sign + 1, (size_t)(stop - at_sign - 1),
						   &client[CLIENT_NODE])
				 : 0;
		if (rc < 0)
			return rc;
		k = stop + 1;
	}
	return 0;
}

static int i2c_scan(const struct acrn_scan *scan, const struct acrn_field *field,
		    const char *text, size_t length, struct acrn_value *value)
{
	return acrn_scan_split(scan, field, text, length, ',', i2c_adapter_scan, value);
}

/* acrn-dm fails a client address given twice, on any adapter. */
static int i2c_adapters_rule(const struct acrn_context *context, const struct acrn_field *field,
			     const struct acrn_value *value)
{
	bool seen[0x80] = {false};
	for (size_t i = 0; i < value->count; i++) {
		const struct acrn_value *clients = &acrn_record_items(field, value, i)[I2C_CLIENTS];
		for (size_t a = 0; clients->set && a < clients->count; a++) {
			long long address = clients->items[a].items[CLIENT_ADDRESS].number;
			if (address < 0 || address >= 0x80)
				continue; /* out of range: the address field says so */
			if (seen[address])
				return acrn_fail(context->error, context->device,
						 "%s: adapters: client address 0x%llx appears twice; "
						 "acrn-dm takes each address once",
						 context->owner, address);
			seen[address] = true;
		}
	}
	return 0;
}

static const struct acrn_field virtio_i2c_fields[] = {
	{.name = "adapters", .type = ACRN_TYPE_RECORDS, .render = ACRN_RENDER_VALUE,
	 .record = &i2c_adapter, .max_items = 16, .required = true, .text = i2c_text,
	 .scan = i2c_scan,
	 .rule = i2c_adapters_rule, .doc = "list of { bus = N, addresses = { 0x1c, … } }"},
};

static const struct acrn_field gpio_line_field = {.name = "line", .type = ACRN_TYPE_STRING,
						  .rule = acrn_gpio_line_rule};
static const struct acrn_field gpio_chip_fields[] = {
	{.name = "chip", .type = ACRN_TYPE_STRING, .required = true, .rule = acrn_plain_name_rule,
	 .doc = "host gpiochip name"},
	{.name = "lines", .type = ACRN_TYPE_LIST, .element = &gpio_line_field, .max_items = 64,
	 .separator = ":", .required = true, .doc = "OFFSET, NAME or NAME=VNAME"},
};
static const struct acrn_record gpio_chip = RECORD(gpio_chip_fields);

static int gpio_chip_text(const struct acrn_context *context, const struct acrn_record *record,
			  const struct acrn_value *chip, char *buffer, size_t size, size_t *at)
{
	(void)context, (void)record;
	int rc = acrn_appendf(buffer, size, at, "@%s{", chip[0].text);
	for (size_t l = 0; l < chip[1].count && rc == 0; l++)
		rc = acrn_appendf(buffer, size, at, "%s%s", l ? ":" : "", chip[1].items[l].text);
	return rc < 0 ? rc : acrn_appendf(buffer, size, at, "}");
}

static int gpio_text(const struct acrn_context *context, const struct acrn_field *field,
		     const struct acrn_value *value, char *buffer, size_t size)
{
	size_t lines = 0;
	for (size_t i = 0; i < value->count; i++)
		lines += acrn_record_items(field, value, i)[1].count;
	if (lines > 64)
		return acrn_fail(context->error, context->device,
				 "%s: chips: %zu lines in all; acrn-dm takes at most 64",
				 context->owner, lines);
	return acrn_render_joined(context, field, value, "", gpio_chip_text, buffer, size);
}

/* The inverse: @CHIP{LINE:LINE…} one after the other. */
static int gpio_chip_scan(const struct acrn_scan *scan, const struct acrn_record *record,
			  struct acrn_value *chip, const char *piece, size_t size)
{
	const char *open = memchr(piece, '{', size);
	if (!open || size < 2 || piece[size - 1] != '}')
		return acrn_scan_fail(scan, -ENOENT, "@%.*s is not @CHIP{LINES}", (int)size, piece);
	int rc = acrn_scan_value(scan, &record->fields[0], piece, (size_t)(open - piece), &chip[0]);
	return rc < 0 ? rc
		      : acrn_scan_value(scan, &record->fields[1], open + 1,
					(size_t)(piece + size - open - 2), &chip[1]);
}

static int gpio_scan(const struct acrn_scan *scan, const struct acrn_field *field,
		     const char *text, size_t length, struct acrn_value *value)
{
	if (!length || text[0] != '@')
		return acrn_scan_fail(scan, -ENOENT, "%.*s is not @CHIP{LINES}", (int)length, text);
	return acrn_scan_split(scan, field, text + 1, length - 1, '@', gpio_chip_scan, value);
}

static const struct acrn_field virtio_gpio_fields[] = {
	{.name = "chips", .type = ACRN_TYPE_RECORDS, .render = ACRN_RENDER_VALUE,
	 .record = &gpio_chip, .max_items = 8, .required = true, .text = gpio_text,
	 .scan = gpio_scan,
	 .doc = "list of { chip = \"gpiochip0\", lines = { \"3\", \"reset=vreset\" } }"},
};

static const struct acrn_field gpu_screen_fields[] = {
	{.name = "geometry", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_KEYED,
	 .required = true, .rule = acrn_geometry_rule, .doc = "WxH+X+Y or fullscreen:N"},
};
static const struct acrn_record gpu_screen = RECORD(gpu_screen_fields);

static const struct acrn_field virtio_gpu_fields[] = {
	{.name = "screens", .type = ACRN_TYPE_RECORDS, .render = ACRN_RENDER_VALUE,
	 .record = &gpu_screen, .required = true, .max_items = 2, .rule = gpu_screens_rule,
	 .doc = "list of { geometry = \"1920x1080+0+0\" }, one per screen (3.0: one, 3.1+: "
		"two); acrn-dm crashes without"},
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
	 .rule = acrn_plain_name_rule, .doc = "region name (rendered PROVIDER:/NAME)"},
	{.name = "size", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .min = 2,
	 .max = 512, .required = true, .rule = ivshmem_size_rule,
	 .doc = "MiB, a power of two from 2 to 512"},
	{.name = "region", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .min = 0,
	 .max = 255, .releases = {.since = R(3, 3)}, .doc = "region id"},
};

/* PROVIDER:/NAME,SIZE[,REGION] */
static int ivshmem_text(const struct acrn_context *context, const struct acrn_device *device,
			char *buffer, size_t size)
{
	const struct acrn_value *values = device->values;
	size_t at = 0;
	if (acrn_appendf(buffer, size, &at, "%s:/%s", values[0].text, values[1].text) < 0)
		return -ENOSPC;
	return acrn_render_fields(context, device->emulation->fields + 2, 2, values + 2, buffer,
				  size, &at);
}

/* The inverse: PROVIDER:/NAME, then the other fields. */
static int ivshmem_scan(const struct acrn_scan *scan, const struct acrn_emulation *emulation,
			const char *config, struct acrn_value *values)
{
	size_t length = config ? strlen(config) : 0;
	const char *slash = config ? strstr(config, ":/") : NULL;
	size_t name_end = strcspn(config ? config : "", ",");
	if (!slash || (size_t)(slash - config) > name_end)
		return acrn_scan_fail(scan, -ENOENT, "%s is not PROVIDER:/NAME,SIZE",
				      config ? config : "(none)");
	int rc = acrn_scan_value(scan, &emulation->fields[0], config, (size_t)(slash - config),
				 &values[0]);
	if (rc == 0)
		rc = acrn_scan_value(scan, &emulation->fields[1], slash + 2,
				     name_end - (size_t)(slash + 2 - config), &values[1]);
	if (rc == 0 && name_end < length)
		rc = acrn_scan_fields(scan, emulation->fields + 2, emulation->field_count - 2,
				      values + 2, config + name_end + 1, length - name_end - 1);
	return rc;
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
	 .long_name = "gvtargs",
	 .doc = "GVT-g arguments, rendered -G ARGS after the device (\"64 448 8\")"},
};

static const struct acrn_field npk_fields[] = {
	{.name = "masters", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_VALUE,
	 .rule = npk_masters_rule,
	 .doc = "the trace hub's masters the guest gets, \"OFFSET/COUNT\" (multiples of 8)"},
};

static const struct acrn_field virtio_heci_fields[] = {
	{.name = "bdf", .type = ACRN_TYPE_BDF, .render = ACRN_RENDER_VALUE,
	 .doc = "the host's MEI device, \"00:0f.0\" or \"0/f/0\""},
	{.name = "debug", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .min = 0,
	 .max = 8, .text = heci_debug_text, .scan = heci_debug_scan,
	 .doc = "acrn-dm's debug level for it, 0-8 (written dN)"},
};

static const struct acrn_field virtio_rpmb_fields[] = {
	{.name = "physical", .key = "physical_rpmb", .type = ACRN_TYPE_BOOL,
	 .render = ACRN_RENDER_FLAG,
	 .doc = "the host's RPMB partition (physical_rpmb) instead of a simulated one"},
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
	{.kind = "dummy", .constructor = "dummy", .doc = "a placeholder PCI device"},
	{.kind = "wdt-i6300esb", .constructor = "wdt", .single = true,
	 .doc = "i6300ESB watchdog; at most one"},
	{.kind = "virtio-rnd", .constructor = "virtio_rnd", FIELDS(virtio_rnd_fields),
	 .doc = "virtio entropy source"},
	{.kind = "virtio-console", .constructor = "virtio_console",
	 FIELDS(virtio_console_fields), .doc = "virtio console with up to 16 ports"},
	{.kind = "virtio-net", .constructor = "virtio_net", FIELDS(virtio_net_fields),
	 .rule = virtio_net_rule, .text = virtio_net_text, .scan = virtio_net_scan,
	 .doc = "virtio network device on a tap"},
	{.kind = "virtio-blk", .constructor = "virtio_blk", FIELDS(virtio_blk_fields),
	 .rule = virtio_blk_rule, .doc = "virtio block device, or an empty placeholder"},
	{.kind = "passthru", .constructor = "passthru", FIELDS(passthru_fields),
	 .rule = passthru_rule,
	 .doc = "a host PCI device passed through (bound to pci-stub before launch)"},
	{.kind = "uart", .constructor = "uart", FIELDS(uart_fields), .rule = uart_rule,
	 .doc = "a PCI UART: a hypervisor vUART or a backend"},
	{.kind = "xhci", .constructor = "xhci", FIELDS(xhci_fields), .rule = xhci_rule,
	 .text = xhci_text, .scan = xhci_scan, .doc = "USB 3 controller with host ports"},
	{.kind = "ahci", .constructor = "ahci", FIELDS(ahci_fields),
	 .doc = "SATA controller with up to 32 hd/cd ports"},
	{.kind = "ahci-hd", .constructor = "ahci_hd", FIELDS(ahci_hd_fields),
	 .doc = "SATA controller with one disk"},
	{.kind = "ahci-cd", .constructor = "ahci_cd", FIELDS(ahci_cd_fields),
	 .doc = "SATA controller with one CD"},
	{.kind = "virtio-input", .constructor = "virtio_input", FIELDS(virtio_input_fields),
	 .rule = virtio_input_rule, .text = virtio_input_text,
	 .doc = "virtio input device from a host evdev, by path or by name"},
	{.kind = "virtio-i2c", .constructor = "virtio_i2c", FIELDS(virtio_i2c_fields),
	 .releases = {.since = R(1, 6)}, .doc = "virtio I2C adapters (up to 16)"},
	{.kind = "virtio-gpio", .constructor = "virtio_gpio", FIELDS(virtio_gpio_fields),
	 .doc = "virtio GPIO lines from host chips (8 chips, 64 lines)"},
	{.kind = "virtio-gpu", .constructor = "virtio_gpu", FIELDS(virtio_gpu_fields),
	 .releases = {.since = R(3, 0)}, .doc = "virtio GPU with one geometry per screen"},
	{.kind = "vhost-vsock", .constructor = "vhost_vsock", FIELDS(vhost_vsock_fields),
	 .releases = {.since = R(3, 0)}, .doc = "vsock through vhost"},
	{.kind = "ivshmem", .constructor = "ivshmem", FIELDS(ivshmem_fields),
	 .text = ivshmem_text, .scan = ivshmem_scan, .releases = {.since = R(2, 2)},
	 .doc = "inter-VM shared memory (2.0 and 2.1 read another grammar: not supported)"},
	{.kind = "pci-gvt", .constructor = "pci_gvt", FIELDS(pci_gvt_fields),
	 .releases = {.removed = R(3, 0)}, .doc = "GVT-g virtual GPU (2.x; -G after it)"},
	{.kind = "npk", .constructor = "npk", FIELDS(npk_fields), .releases = {.removed = R(3, 0)},
	 .doc = "Intel Trace Hub (up to 2.7)"},
	RARE("virtio-hdcp", "virtio_hdcp", {.removed = R(3, 0)}, "virtio HDCP (2.x)"),
	RARE("virtio-coreu", "virtio_coreu", {.removed = R(3, 0)}, "virtio CoreU (2.x)"),
	RARE("virtio-audio", "virtio_audio", {0}, "virtio audio (CONFIG passed through)"),
	RARE("virtio-ipu", "virtio_ipu", {0}, "virtio IPU (CONFIG passed through)"),
	RARE("virtio-hyper_dmabuf", "virtio_hyper_dmabuf", {0},
	     "virtio hyper DMA buffer (CONFIG passed through)"),
	{.kind = "virtio-heci", .constructor = "virtio_heci", FIELDS(virtio_heci_fields),
	 .doc = "virtio HECI: the host's MEI device for the guest"},
	{.kind = "virtio-rpmb", .constructor = "virtio_rpmb", FIELDS(virtio_rpmb_fields),
	 .doc = "virtio RPMB, simulated or the host's"},
};

/* clang-format on */

const struct acrn_emulation *acrn_emulations(size_t *count)
{
	*count = sizeof emulations / sizeof emulations[0];
	return emulations;
}
