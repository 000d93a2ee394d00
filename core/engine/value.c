/* SPDX-License-Identifier: Apache-2.0 */
/* One value against its field: type, limits, release range. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

int acrn_fail(struct acrn_error *error, size_t device, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	vsnprintf(error->message, sizeof error->message, format, args);
	va_end(args);
	error->device = device;
	error->option = 0;
	return -EINVAL;
}

const char *acrn_describe(const char *text, size_t length, char buffer[128])
{
	/* room for the worst case: an escape is 4 bytes, then "\"... (N bytes)" */
	const size_t body = 128 - 32;
	size_t at = 0, shown = 0;
	buffer[at++] = '"';
	for (; shown < length && shown < 64 && at + 4 < body; shown++) {
		unsigned char c = (unsigned char)text[shown];
		if (c == '\n')
			at += (size_t)snprintf(buffer + at, 5, "\\n");
		else if (c == '"' || c == '\\')
			at += (size_t)snprintf(buffer + at, 5, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			at += (size_t)snprintf(buffer + at, 5, "\\x%02x", c);
		else
			buffer[at++] = (char)c;
	}
	buffer[at++] = '"';
	if (shown < length)
		snprintf(buffer + at, 128 - at, "... (%zu bytes)", length);
	else
		buffer[at] = '\0';
	return buffer;
}

size_t acrn_decimal_text(long long number, char buffer[24])
{
	char digits[24];
	size_t count = 0, at = 0;
	unsigned long long magnitude = number < 0 ? 0ULL - (unsigned long long)number
						  : (unsigned long long)number;
	do {
		digits[count++] = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude);
	if (number < 0)
		buffer[at++] = '-';
	while (count)
		buffer[at++] = digits[--count];
	buffer[at] = '\0';
	return at;
}

const char *acrn_device_owner(const struct acrn_device *device, size_t index, char buffer[96])
{
	char number[24];
	acrn_decimal_text((long long)index, number);
	ACRN_CONCAT(buffer, 96, "device #", number, " (", device->emulation->kind, ")");
	return buffer;
}

int acrn_device_fail(struct acrn_error *error, const struct acrn_device *device, size_t index,
		     const char *format, ...)
{
	char message[sizeof error->message];
	va_list args;
	va_start(args, format);
	vsnprintf(message, sizeof message, format, args);
	va_end(args);
	return acrn_fail(error, index, "device #%zu (%s): %s", index, device->emulation->kind,
			 message);
}

int acrn_releases_check(const struct acrn_releases *releases, const struct acrn_target *target,
			const char *owner, const char *what, const char *instead,
			struct acrn_strings *warnings, size_t device, struct acrn_error *error)
{
	char release[16];
	const char *sep = *owner ? ": " : "", *then = instead ? ": " : "";
	enum acrn_acceptance accepts = acrn_accepts(releases, target);
	instead = instead ? instead : "";
	if (accepts == ACRN_ACCEPTED)
		return 0;
	if (releases->since && target->release < releases->since)
		return acrn_fail(error, device, "%s%s%s needs ACRN %s or later (target %s)%s%s",
				 owner, sep, what, acrn_release_text(releases->since, release),
				 target->name, then, instead);
	if (releases->removed && target->release >= releases->removed)
		return acrn_fail(error, device, "%s%s%s was removed in ACRN %s (target %s)%s%s",
				 owner, sep, what, acrn_release_text(releases->removed, release),
				 target->name, then, instead);
	if (accepts == ACRN_IGNORED && warnings &&
	    acrn_strings_addf(warnings, "%s%s%s is ignored by acrn-dm from ACRN %s on (target %s)",
			      owner, sep, what, acrn_release_text(releases->ignored, release),
			      target->name) < 0)
		return -ENOMEM;
	return 0;
}

bool acrn_value_used(const struct acrn_field *field, const struct acrn_value *value)
{
	return value->set && (field->type != ACRN_TYPE_BOOL || value->flag);
}

int acrn_memory_parse(const char *text, size_t length, unsigned long long *mib, const char **why)
{
	size_t digits = 0;
	while (digits < length && isdigit((unsigned char)text[digits]))
		digits++;
	if (digits == 0) {
		*why = "does not start with a decimal number";
		return -EINVAL;
	}
	if (text[0] == '0') {
		*why = "starts with 0, which acrn-dm reads as octal or hex";
		return -EINVAL;
	}
	if (digits == length) {
		*why = "has no unit (acrn-dm rejects a bare number: add k, M or G)";
		return -EINVAL;
	}
	if (digits + 1 != length || !text[digits] || !strchr("kKmMgG", text[digits])) {
		*why = "does not end in one unit of k, K, m, M, g, G";
		return -EINVAL;
	}
	if (digits > 15) {
		*why = "is too large";
		return -EINVAL;
	}
	unsigned long long number = strtoull(text, NULL, 10);
	switch (text[digits]) {
	case 'k':
	case 'K':
		*mib = number / 1024;
		break;
	case 'm':
	case 'M':
		*mib = number;
		break;
	default:
		*mib = number * 1024;
	}
	if (*mib > ACRN_MEMORY_MAX_MIB) {
		*why = "is too large";
		return -EINVAL;
	}
	return 0;
}

/* The text checks every string shares: no NUL, no line break or other
 * control character, ',' only where it cannot split a -s or -l string. */
static int text_check(const struct acrn_field *field, const struct acrn_value *value,
		      const char *owner, size_t device, bool in_config, struct acrn_error *error)
{
	char shown[128]; /* the value as a message shows it, made for a message only */
	const char *sep = *owner ? ": " : "";
	if (strlen(value->text) != value->length)
		return acrn_fail(error, device, "%s%s%s %s contains a NUL byte", owner, sep,
				 field->name, acrn_describe(value->text, value->length, shown));
	if (memchr(value->text, '\n', value->length) || memchr(value->text, '\r', value->length))
		return acrn_fail(error, device, "%s%s%s %s contains a line break", owner, sep,
				 field->name, acrn_describe(value->text, value->length, shown));
	/* a terminal would act on them: a value could hide what -n shows */
	for (size_t i = 0; i < value->length; i++)
		if ((unsigned char)value->text[i] < 0x20 || value->text[i] == 0x7f)
			return acrn_fail(error, device,
					 "%s%s%s %s contains the control character 0x%02x", owner,
					 sep, field->name,
					 acrn_describe(value->text, value->length, shown),
					 (unsigned char)value->text[i]);
	if (in_config && !field->rest && memchr(value->text, ',', value->length))
		return acrn_fail(error, device, "%s%s%s %s contains ',' which acrn-dm would split",
				 owner, sep, field->name,
				 acrn_describe(value->text, value->length, shown));
	return 0;
}

static int path_check(const char *what, const char *text, size_t length, const char *owner,
		      size_t device, struct acrn_error *error)
{
	char shown[128];
	const char *sep = *owner ? ": " : "";
	if (length == 0)
		return acrn_fail(error, device, "%s%s%s is empty", owner, sep, what);
	if (length >= ACRN_PATH_MAX)
		return acrn_fail(error, device,
				 "%s%s%s %s is too long: acrn-dm takes paths shorter than %d bytes",
				 owner, sep, what, acrn_describe(text, length, shown),
				 ACRN_PATH_MAX);
	return 0;
}

static int mac_check(const char *text, size_t length, const char **why)
{
	unsigned bytes[6];
	char tail;
	if (length != 17 || sscanf(text, "%2x:%2x:%2x:%2x:%2x:%2x%c", &bytes[0], &bytes[1],
				   &bytes[2], &bytes[3], &bytes[4], &bytes[5], &tail) != 6) {
		*why = "is not a MAC address like 02:00:00:00:00:01";
		return -EINVAL;
	}
	for (size_t i = 0; i < length; i++)
		if (i % 3 == 2 ? text[i] != ':' : !isxdigit((unsigned char)text[i])) {
			*why = "is not a MAC address like 02:00:00:00:00:01";
			return -EINVAL;
		}
	if (bytes[0] & 1) {
		*why = "is a multicast address (the first byte is odd); a NIC needs a unicast one";
		return -EINVAL;
	}
	if (!(bytes[0] | bytes[1] | bytes[2] | bytes[3] | bytes[4] | bytes[5])) {
		*why = "is all zero";
		return -EINVAL;
	}
	return 0;
}

static int ifname_check(const char *text, size_t length, const char **why)
{
	if (length == 0) {
		*why = "is empty";
		return -EINVAL;
	}
	if (length > ACRN_IFNAME_MAX) {
		*why = "is longer than the 15 bytes Linux allows for an interface name";
		return -EINVAL;
	}
	if (strcmp(text, ".") == 0 || strcmp(text, "..") == 0) {
		*why = "is not an interface name";
		return -EINVAL;
	}
	for (size_t i = 0; i < length; i++)
		if (text[i] == '/' || text[i] == ':' || isspace((unsigned char)text[i])) {
			*why = "contains '/', ':' or white space, which Linux refuses in an "
			       "interface name";
			return -EINVAL;
		}
	return 0;
}

static int vmname_check(const char *text, size_t length, const struct acrn_target *target,
			const char **why, char reason[128])
{
	if (length == 0) {
		*why = "is empty";
		return -EINVAL;
	}
	if (text[0] == '-') {
		*why = "starts with '-', which acrn-dm would read as an option";
		return -EINVAL;
	}
	for (size_t i = 0; i < length; i++)
		if (!isalnum((unsigned char)text[i]) && !strchr("_.-", text[i])) {
			*why = "has a character outside A-Z a-z 0-9 _ . - (ACRN's tools put the "
			       "name into socket and log paths)";
			return -EINVAL;
		}
	size_t max = acrn_target_name_max(target);
	if (length > max) {
		snprintf(reason, 128, "is %zu bytes; ACRN %s takes at most %zu", length,
			 target->name, max);
		*why = reason;
		return -EINVAL;
	}
	return 0;
}

static int uart_check(const char *text, size_t length, const char **why)
{
	if (length == 0 || strcmp(text, "stdio") == 0 || text[0] == '/')
		return 0;
	if (strncmp(text, "tcp:", 4) == 0) {
		char *end;
		long port = strtol(text + 4, &end, 10);
		if (isdigit((unsigned char)text[4]) && text[4] != '0' && *end == '\0' &&
		    port >= 1 && port <= 65535)
			return 0;
		*why = "has no TCP port 1-65535 after tcp:";
		return -EINVAL;
	}
	*why = "is not a UART backend: stdio, tcp:PORT, a tty path like /dev/ttyS1, or \"\" for "
	       "none";
	return -EINVAL;
}

/* Reads a hex number of at most `digits` significant digits (leading
 * zeros aside) at *text into `number`, moving past it; false when there
 * is none or it is longer. */
static bool hex_part(const char **text, size_t digits, unsigned *number)
{
	size_t n = 0;
	bool seen = false;
	*number = 0;
	while (**text == '0') {
		(*text)++;
		seen = true;
	}
	while (isxdigit((unsigned char)(*text)[n])) {
		if (++n > digits)
			return false;
		char c = (char)tolower((unsigned char)(*text)[n - 1]);
		*number = *number * 16 +
			  (unsigned)(isdigit((unsigned char)c) ? c - '0' : c - 'a' + 10);
	}
	*text += n;
	return n > 0 || seen;
}

int acrn_bdf_parse(const char *text, unsigned *bus, unsigned *device, unsigned *function)
{
	unsigned parts[4];
	char separators[3];
	size_t count = 0;
	const char *at = text;
	/* up to four hex numbers, short enough never to wrap, each separator
	 * followed by a number */
	for (;;) {
		if (count == 4 || !hex_part(&at, 4, &parts[count]))
			return -EINVAL;
		count++;
		if (!*at)
			break;
		if (count == 4 || !strchr(":./", *at))
			return -EINVAL;
		separators[count - 1] = *at++;
	}
	if (count < 2)
		return -EINVAL;
	if (count == 2) { /* DEVICE?FUNCTION on bus 0, as acrn-dm reads two parts */
		parts[2] = parts[1];
		parts[1] = parts[0];
		parts[0] = 0;
	} else if (count == 4) { /* DOMAIN:BUS:DEVICE.FUNCTION, domain 0 only */
		if (parts[0] != 0 || separators[0] != ':' || separators[1] != ':' ||
		    separators[2] != '.')
			return -EINVAL;
		memmove(parts, parts + 1, 3 * sizeof parts[0]);
	}
	/* BUS?DEVICE?FUNCTION: acrn-dm's parse_bdf splits on any of ":/." */
	if (parts[0] > 0xff || parts[1] > 0x1f || parts[2] > 7)
		return -EINVAL;
	*bus = parts[0];
	*device = parts[1];
	*function = parts[2];
	return 0;
}

const struct acrn_value *acrn_record_items(const struct acrn_field *field,
					   const struct acrn_value *value, size_t index)
{
	return value->items + index * field->record->count;
}

int acrn_record_find(const struct acrn_record *record, const char *name)
{
	for (size_t i = 0; i < record->count; i++)
		if (strcmp(record->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Checks the items of one table against its record's fields and rule. */
static int record_check(const struct acrn_context *context, const struct acrn_field *field,
			const struct acrn_value *items, const char *owner)
{
	const struct acrn_record *record = field->record;
	struct acrn_context inner = *context;
	inner.owner = owner;
	for (size_t f = 0; f < record->count; f++) {
		int rc = acrn_value_check(&inner, &record->fields[f], &items[f]);
		if (rc < 0)
			return rc;
	}
	if (record->rule) {
		struct acrn_value whole = {.set = true, .items = items, .count = record->count};
		return record->rule(&inner, field, &whole);
	}
	return 0;
}

/* Checks what a string of `field`'s type must be. */
static int text_type_check(const struct acrn_context *context, const struct acrn_field *field,
			   const struct acrn_value *value)
{
	char shown[128], reason[160];
	const char *why = NULL, *owner = context->owner, *sep = acrn_sep(owner);
	const char *text = value->text;
	size_t length = value->length, device = context->device;
	struct acrn_error *error = context->error;
	unsigned a, b, c;
	int rc = text_check(field, value, owner, device, context->in_config, error);
	if (rc < 0)
		return rc;
	switch (field->type) {
	case ACRN_TYPE_STRING:
		if (length == 0)
			why = "is empty";
		break;
	case ACRN_TYPE_PATH:
		return path_check(field->name, text, length, owner, device, error);
	case ACRN_TYPE_CHOICE: {
		const struct acrn_choice *choice = field->choices;
		while (choice->name && strcmp(choice->name, text) != 0)
			choice++;
		if (choice->name &&
		    acrn_accepts(&choice->releases, context->vm->target) == ACRN_ACCEPTED)
			return 0; /* the common case: nothing to say */
		if (choice->name) {
			char what[192];
			snprintf(what, sizeof what, "%s %s", field->name,
				 acrn_describe(text, length, shown));
			return acrn_releases_check(&choice->releases, context->vm->target, owner,
						   what, choice->instead, context->warnings, device,
						   error);
		}
		size_t at = 0;
		bool fits = acrn_appendf(reason, sizeof reason, &at, "is not one of") == 0;
		for (choice = field->choices; choice->name && fits; choice++)
			fits = acrn_appendf(reason, sizeof reason, &at, "%s %s",
					    choice == field->choices ? "" : ",", choice->name) == 0;
		why = reason;
		break;
	}
	case ACRN_TYPE_MAC:
		mac_check(text, length, &why);
		break;
	case ACRN_TYPE_IFNAME:
		ifname_check(text, length, &why);
		break;
	case ACRN_TYPE_UUID: {
		uuid_t uuid;
		if (length != 36 || uuid_parse(text, uuid) != 0)
			why = "is not a UUID like 0d5a9a5e-3bb4-4a39-9e0d-4d2c1b0e6a11";
		break;
	}
	case ACRN_TYPE_MEMORY: {
		unsigned long long mib = 0;
		if (acrn_memory_parse(text, length, &mib, &why) == 0 && mib < 128) {
			snprintf(reason, sizeof reason,
				 "is %llu MiB, below acrn-dm's minimum of 128 MiB", mib);
			why = reason;
		}
		break;
	}
	case ACRN_TYPE_BOOTARGS:
		if (length > ACRN_BOOTARGS_MAX) {
			snprintf(reason, sizeof reason,
				 "is %zu bytes; acrn-dm takes at most %d and fails silently beyond",
				 length, ACRN_BOOTARGS_MAX);
			why = reason;
		}
		break;
	case ACRN_TYPE_VMNAME:
		vmname_check(text, length, context->vm->target, &why, reason);
		break;
	case ACRN_TYPE_UART:
		uart_check(text, length, &why);
		break;
	case ACRN_TYPE_BDF:
		if (acrn_bdf_parse(text, &a, &b, &c) < 0)
			why = "is not a host PCI device like \"00:1f.3\" or \"0/1f/3\" (hex bus "
			      "<= ff, device <= 1f, function <= 7)";
		break;
	default:
		break;
	}
	if (why)
		return acrn_fail(error, device, "%s%s%s %s %s", owner, sep, field->name,
				 acrn_describe(text, length, shown), why);
	return 0;
}

int acrn_value_check(const struct acrn_context *context, const struct acrn_field *field,
		     const struct acrn_value *value)
{
	const char *owner = context->owner, *sep = acrn_sep(owner);
	size_t device = context->device;
	struct acrn_error *error = context->error;
	char inner[192];
	int rc = 0;

	if (!value->set) {
		if (field->required)
			return acrn_fail(error, device, "%s%s%s is required", owner, sep,
					 field->name);
		return 0;
	}
	if (acrn_value_used(field, value)) {
		rc = acrn_releases_check(&field->releases, context->vm->target, owner, field->name,
					 field->instead, context->warnings, device, error);
		if (rc < 0)
			return rc;
	}
	if (field->flag_ok && value->flag && !value->text && !value->items &&
	    field->type != ACRN_TYPE_BOOL) {
		/* `true` alone: nothing to check but the rule */
	} else if (field->type == ACRN_TYPE_BOOL) {
	} else if (field->type == ACRN_TYPE_INTEGER) {
		if (value->number < field->min || value->number > field->max)
			return acrn_fail(error, device, "%s%s%s %lld is out of range %lld-%lld",
					 owner, sep, field->name, value->number, field->min,
					 field->max);
	} else if (field->type == ACRN_TYPE_MEMORY && !value->text) {
		if (value->number < 128)
			return acrn_fail(error, device,
					 "%s%s%s %lld MiB is below acrn-dm's minimum of 128 MiB",
					 owner, sep, field->name, value->number);
		if (value->number > ACRN_MEMORY_MAX_MIB)
			return acrn_fail(error, device, "%s%s%s %lld MiB is too large", owner, sep,
					 field->name, value->number);
	} else if (field->type == ACRN_TYPE_LIST || field->type == ACRN_TYPE_RECORDS) {
		if (value->count == 0)
			return acrn_fail(error, device, "%s%s%s is empty", owner, sep, field->name);
		if (field->max_items && value->count > field->max_items)
			return acrn_fail(error, device,
					 "%s%s%s has %zu items; acrn-dm takes at most %zu", owner,
					 sep, field->name, value->count, field->max_items);
		for (size_t i = 0; i < value->count; i++) {
			char number[24];
			acrn_decimal_text((long long)i + 1, number);
			ACRN_CONCAT(inner, sizeof inner, owner, sep, field->name, "[", number, "]");
			if (field->type == ACRN_TYPE_RECORDS) {
				rc = record_check(context, field,
						  acrn_record_items(field, value, i), inner);
			} else {
				struct acrn_field element = *field->element;
				struct acrn_context item = *context;
				char name[64];
				ACRN_CONCAT(name, sizeof name, field->name, "[", number, "]");
				element.name = name;
				item.owner = owner;
				rc = acrn_value_check(&item, &element, &value->items[i]);
			}
			if (rc < 0)
				return rc;
		}
	} else if (field->type == ACRN_TYPE_RECORD) {
		ACRN_CONCAT(inner, sizeof inner, owner, sep, field->name);
		rc = record_check(context, field, value->items, inner);
	} else {
		rc = text_type_check(context, field, value);
	}
	if (rc == 0 && field->rule)
		rc = field->rule(context, field, value);
	return rc;
}

int acrn_appendf(char *buffer, size_t size, size_t *at, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int n = acrn_format(buffer + *at, size - *at, format, args);
	va_end(args);
	if (n < 0 || (size_t)n >= size - *at) {
		buffer[*at] = '\0';
		return -ENOSPC;
	}
	*at += (size_t)n;
	return 0;
}

int acrn_append_piece(char *buffer, size_t size, size_t *at, const char *key, const char *value)
{
	return acrn_appendf(buffer, size, at, "%s%s%s%s", *at ? "," : "", key ? key : "",
			    key && value ? "=" : "", value ? value : "");
}

int acrn_render_joined(const struct acrn_context *context, const struct acrn_field *field,
		       const struct acrn_value *value, const char *separator, acrn_piece_text *one,
		       char *buffer, size_t size)
{
	size_t at = 0;
	int rc = 0;
	buffer[0] = '\0';
	for (size_t r = 0; r < value->count && rc == 0; r++) {
		if (r)
			rc = acrn_appendf(buffer, size, &at, "%s", separator);
		if (rc == 0)
			rc = one(context, field->record, acrn_record_items(field, value, r), buffer,
				 size, &at);
	}
	return rc;
}

int acrn_render_fields(const struct acrn_context *context, const struct acrn_field *fields,
		       size_t count, const struct acrn_value *values, char *buffer, size_t size,
		       size_t *at)
{
	int rc = 0;
	for (size_t f = 0; f < count && rc == 0; f++) {
		const struct acrn_field *field = &fields[f];
		const struct acrn_value *value = &values[f];
		const char *key = field->key ? field->key : field->name;
		char text[ACRN_PATH_MAX * 2];
		if (!acrn_value_used(field, value) || field->render == ACRN_RENDER_NONE ||
		    field->render == ACRN_RENDER_LPC || field->render == ACRN_RENDER_OPTION)
			continue;
		if (field->render == ACRN_RENDER_FLAG ||
		    (field->flag_ok && value->flag && !value->text && !value->items)) {
			rc = acrn_append_piece(buffer, size, at, key, NULL);
			continue;
		}
		rc = acrn_render_value(context, field, value, text, sizeof text);
		if (rc < 0)
			break;
		switch (field->render) {
		case ACRN_RENDER_BARE:
			rc = field->keyed_since &&
					     context->vm->target->release >= field->keyed_since
				     ? acrn_append_piece(buffer, size, at, key, text)
				     : acrn_append_piece(buffer, size, at, NULL, text);
			break;
		case ACRN_RENDER_KEYED:
			rc = acrn_append_piece(buffer, size, at, key, text);
			break;
		case ACRN_RENDER_KEY_VALUE:
			rc = acrn_append_piece(buffer, size, at, key, NULL);
			if (rc == 0)
				rc = acrn_append_piece(buffer, size, at, NULL, text);
			break;
		default:
			rc = acrn_append_piece(buffer, size, at, NULL, text);
		}
	}
	return rc;
}

int acrn_render_value(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value, char *buffer, size_t size)
{
	size_t at = 0;
	unsigned bus, device, function;
	if (field->text)
		return field->text(context, field, value, buffer, size);
	buffer[0] = '\0';
	switch (field->type) {
	case ACRN_TYPE_LIST:
	case ACRN_TYPE_RECORDS: {
		const char *separator = field->separator ? field->separator : ",";
		for (size_t i = 0; i < value->count; i++) {
			size_t length = strlen(separator);
			if (i) {
				if (at + length >= size)
					return -ENOSPC;
				memcpy(buffer + at, separator, length + 1);
				at += length;
			}
			int rc;
			if (field->type == ACRN_TYPE_LIST) {
				rc = acrn_render_value(context, field->element, &value->items[i],
						       buffer + at, size - at);
				at += strlen(buffer + at);
			} else {
				size_t start = 0;
				rc = acrn_render_fields(context, field->record->fields,
							field->record->count,
							acrn_record_items(field, value, i),
							buffer + at, size - at, &start);
				at += start;
			}
			if (rc < 0)
				return rc;
		}
		return 0;
	}
	case ACRN_TYPE_RECORD:
		return acrn_render_fields(context, field->record->fields, field->record->count,
					  value->items, buffer, size, &at);
	case ACRN_TYPE_MEMORY:
		if (!value->text) {
			char number[24];
			acrn_decimal_text(value->number, number);
			at = ACRN_CONCAT(buffer, size, number, "M");
		} else {
			at = ACRN_CONCAT(buffer, size, value->text);
		}
		break;
	case ACRN_TYPE_INTEGER:
		if (field->hex) {
			at = (size_t)snprintf(buffer, size, "0x%llx", value->number);
		} else {
			char number[24];
			acrn_decimal_text(value->number, number);
			at = ACRN_CONCAT(buffer, size, number);
		}
		break;
	case ACRN_TYPE_BDF:
		acrn_bdf_parse(value->text, &bus, &device, &function);
		at = (size_t)snprintf(buffer, size, "%x/%x/%x", bus, device, function);
		break;
	default:
		at = ACRN_CONCAT(buffer, size, value->text ? value->text : "");
	}
	return at < size ? 0 : -ENOSPC;
}
