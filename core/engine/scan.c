/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The way back from acrn-dm's words to the catalogue: read with the same
 * render data the renderer writes with (render kinds, keys, keyed_since,
 * separators, `rest`, `repeat`, flag_ok), the `scan` hook beside each
 * `text` hook where a grammar is its own, and acrn-dm's getopt_long for
 * the argv.  Values live in an arena (arena.c) the caller frees.
 */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------------------------
 * Shared pieces
 */

int acrn_scan_fail(const struct acrn_scan *scan, int code, const char *format, ...)
{
	char message[ACRN_ERROR_MAX];
	va_list args;
	va_start(args, format);
	vsnprintf(message, sizeof message, format, args);
	va_end(args);
	acrn_fail(scan->error, 0, "%s%s%s", scan->owner, acrn_sep(scan->owner), message);
	return code;
}

bool acrn_scan_number(const char *text, size_t length, bool hex, long long *number)
{
	bool prefixed = length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
	int base = prefixed || hex ? 16 : 10;
	size_t start = prefixed ? 2 : 0;
	if (length == start || length - start > 32)
		return false;
	unsigned long long n = 0;
	for (size_t i = start; i < length; i++) {
		unsigned char c = (unsigned char)text[i];
		if (base == 10 ? !isdigit(c) : !isxdigit(c))
			return false;
		unsigned digit = (unsigned)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
		if (n > ((unsigned long long)LLONG_MAX - digit) / (unsigned)base)
			return false; /* beyond what a field holds */
		n = n * (unsigned)base + digit;
	}
	*number = (long long)n;
	return true;
}

struct acrn_value *acrn_scan_values(const struct acrn_scan *scan, size_t count)
{
	return acrn_arena_alloc(scan->arena, (count ? count : 1) * sizeof(struct acrn_value));
}

struct acrn_value *acrn_scan_records(const struct acrn_scan *scan, const struct acrn_field *field,
				     size_t count, struct acrn_value *value)
{
	struct acrn_value *items = acrn_scan_values(scan, count * field->record->count);
	if (items)
		*value = (struct acrn_value){.set = true, .items = items, .count = count};
	return items;
}

int acrn_scan_split(const struct acrn_scan *scan, const struct acrn_field *field, const char *text,
		    size_t length, char separator, acrn_piece_scan *one, struct acrn_value *value)
{
	const struct acrn_record *record = field->record;
	size_t count = 1;
	for (size_t i = 0; i < length; i++)
		count += text[i] == separator;
	struct acrn_value *items = acrn_scan_records(scan, field, count, value);
	if (!items)
		return -ENOMEM;
	for (size_t r = 0, at = 0; r < count; r++) {
		const char *end = memchr(text + at, separator, length - at);
		size_t size = end ? (size_t)(end - text) - at : length - at;
		int rc = one(scan, record, items + r * record->count, text + at, size);
		if (rc < 0)
			return rc;
		at += size + 1;
	}
	return 0;
}

/* "…" of `length` bytes of `text`, for a message. */
static const char *shown(const char *text, size_t length, char buffer[128])
{
	return acrn_describe(text, length, buffer);
}

/* Reads a host PCI device as acrn-dm does: three hex numbers with any of
 * ':' '/' '.' between ("02/0/0", "00:1f.3", "0.1f.3").  Kept as written
 * when the catalogue reads it so, else as BUS/DEVICE/FUNCTION. */
static int scan_bdf(const struct acrn_scan *scan, const struct acrn_field *field, const char *text,
		    size_t length, struct acrn_value *value)
{
	char buffer[32], shown_text[128];
	unsigned parts[3], bus, device, function;
	if (length >= sizeof buffer)
		goto unknown;
	memcpy(buffer, text, length);
	buffer[length] = '\0';
	if (acrn_bdf_parse(buffer, &bus, &device, &function) == 0) {
		value->text = acrn_arena_copy(scan->arena, text, length);
		value->length = length;
		return value->text ? 0 : -ENOMEM;
	}
	const char *at = buffer;
	for (size_t i = 0; i < 3; i++) {
		size_t digits = strspn(at, "0123456789abcdefABCDEF");
		long long n;
		if (!acrn_scan_number(at, digits, true, &n) || n > 0xff)
			goto unknown;
		parts[i] = (unsigned)n;
		at += digits;
		if (i < 2 && (!*at || !strchr(":/.", *at)))
			goto unknown;
		at += i < 2;
	}
	if (*at || parts[1] > 0x1f || parts[2] > 7)
		goto unknown;
	snprintf(buffer, sizeof buffer, "%x/%x/%x", parts[0], parts[1], parts[2]);
	value->length = strlen(buffer);
	value->text = acrn_arena_copy(scan->arena, buffer, value->length);
	return value->text ? 0 : -ENOMEM;
unknown:
	return acrn_scan_fail(scan, -ENOENT, "%s %s is not a host PCI device BUS/DEVICE/FUNCTION",
			      field->name, shown(text, length, shown_text));
}

/* Splits `length` bytes of `text` at `separator` into a list of items of
 * `field`'s element (LIST) or records (RECORDS). */
static int scan_items(const struct acrn_scan *scan, const struct acrn_field *field,
		      const char *text, size_t length, struct acrn_value *value)
{
	const char *separator = field->separator ? field->separator : ",";
	size_t width = field->type == ACRN_TYPE_RECORDS ? field->record->count : 1;
	size_t count = 1, step = strlen(separator);
	for (size_t i = 0; i + step <= length; i++)
		if (memcmp(text + i, separator, step) == 0)
			count++;
	struct acrn_value *items = acrn_scan_values(scan, count * width);
	if (!items)
		return -ENOMEM;
	value->items = items;
	value->count = count;
	size_t start = 0;
	for (size_t i = 0; i < count; i++) {
		size_t end = start;
		while (end + step <= length && memcmp(text + end, separator, step) != 0)
			end++;
		if (end + step > length)
			end = length;
		int rc = field->type == ACRN_TYPE_RECORDS
				 ? acrn_scan_fields(scan, field->record->fields, width,
						    items + i * width, text + start, end - start)
				 : acrn_scan_value(scan, field->element, text + start, end - start,
						   &items[i]);
		if (rc < 0)
			return rc;
		start = end + step;
	}
	return 0;
}

int acrn_scan_value(const struct acrn_scan *scan, const struct acrn_field *field, const char *text,
		    size_t length, struct acrn_value *value)
{
	char shown_text[128];
	if (field->scan)
		return field->scan(scan, field, text, length, value);
	*value = (struct acrn_value){.set = true};
	switch (field->type) {
	case ACRN_TYPE_BOOL:
		return acrn_scan_fail(scan, -ENOENT, "%s takes no value, not %s", field->name,
				      shown(text, length, shown_text));
	case ACRN_TYPE_INTEGER:
		if (acrn_scan_number(text, length, false, &value->number))
			return 0;
		return acrn_scan_fail(scan, -ENOENT, "%s %s is not a number", field->name,
				      shown(text, length, shown_text));
	case ACRN_TYPE_CHOICE:
		for (const struct acrn_choice *choice = field->choices; choice->name; choice++)
			if (strlen(choice->name) == length &&
			    memcmp(choice->name, text, length) == 0) {
				value->text = choice->name;
				value->length = length;
				return 0;
			}
		return acrn_scan_fail(scan, -ENOENT, "%s %s is not one the catalogue knows",
				      field->name, shown(text, length, shown_text));
	case ACRN_TYPE_BDF:
		return scan_bdf(scan, field, text, length, value);
	case ACRN_TYPE_LIST:
	case ACRN_TYPE_RECORDS:
		return scan_items(scan, field, text, length, value);
	case ACRN_TYPE_RECORD:
		value->count = 1;
		value->items = acrn_scan_values(scan, field->record->count);
		if (!value->items)
			return -ENOMEM;
		return acrn_scan_fields(scan, field->record->fields, field->record->count,
					(struct acrn_value *)value->items, text, length);
	default:
		value->text = acrn_arena_copy(scan->arena, text, length);
		value->length = length;
		return value->text ? 0 : -ENOMEM;
	}
}

/* ---------------------------------------------------------------------------
 * CONFIG: ','-separated pieces into fields
 */

/* Whether `field` renders as key=value for the scan's target. */
static bool keyed(const struct acrn_scan *scan, const struct acrn_field *field)
{
	if (field->render == ACRN_RENDER_KEYED)
		return true;
	return field->render == ACRN_RENDER_BARE && field->keyed_since &&
	       scan->target->release >= field->keyed_since;
}

/* Whether a value alone may be `field`'s. */
static bool positional(const struct acrn_scan *scan, const struct acrn_field *field)
{
	return field->render == ACRN_RENDER_VALUE ||
	       (field->render == ACRN_RENDER_BARE && !keyed(scan, field));
}

/* A LIST or RECORDS field written ','-joined takes the rest of CONFIG. */
static bool takes_rest(const struct acrn_field *field)
{
	return field->rest ||
	       ((field->type == ACRN_TYPE_LIST || field->type == ACRN_TYPE_RECORDS) &&
		(!field->separator || strcmp(field->separator, ",") == 0));
}

/* The field whose key `piece` (up to '=' when `with_value`) is, or -1. */
static int field_by_key(const struct acrn_scan *scan, const struct acrn_field *fields, size_t count,
			const char *piece, size_t length, bool with_value)
{
	for (size_t f = 0; f < count; f++) {
		const struct acrn_field *field = &fields[f];
		const char *key = field->key ? field->key : field->name;
		bool fits = with_value ? keyed(scan, field)
				       : field->render == ACRN_RENDER_FLAG || field->flag_ok ||
						 field->render == ACRN_RENDER_KEY_VALUE;
		if (fits && field->render != ACRN_RENDER_NONE && strlen(key) == length &&
		    memcmp(key, piece, length) == 0)
			return (int)f;
	}
	return -1;
}

/* acrn_scan_fields; `empty` reads "" as one empty piece (a CONFIG "uart,"
 * renders so) instead of none. */
static int scan_pieces(const struct acrn_scan *scan, const struct acrn_field *fields, size_t count,
		       struct acrn_value *values, const char *text, size_t length, bool empty)
{
	char shown_text[128];
	size_t cursor = 0, at = 0;
	while ((length || empty) && at <= length) {
		size_t end = at;
		while (end < length && text[end] != ',')
			end++;
		const char *piece = text + at;
		size_t size = end - at;
		const char *equals = memchr(piece, '=', size);
		int f = field_by_key(scan, fields, count, piece, size, false);
		int rc = 0;
		if (f < 0 && equals)
			f = field_by_key(scan, fields, count, piece, (size_t)(equals - piece),
					 true);
		if (f >= 0 && values[f].set && !takes_rest(&fields[f]))
			return acrn_scan_fail(scan, -ENOENT, "%s is given twice", fields[f].name);
		if (f >= 0 && !equals && fields[f].render == ACRN_RENDER_KEY_VALUE) {
			/* "key,value": the value is the next piece */
			if (end >= length)
				return acrn_scan_fail(scan, -EINVAL,
						      "%s needs a value after it (acrn-dm refuses "
						      "it)",
						      fields[f].name);
			size_t after = end + 1, stop = after;
			while (stop < length && text[stop] != ',')
				stop++;
			rc = acrn_scan_value(scan, &fields[f], text + after, stop - after,
					     &values[f]);
			end = stop;
		} else if (f >= 0 && !equals) {
			values[f] = (struct acrn_value){.set = true, .flag = true};
		} else if (f >= 0) {
			size_t skip = (size_t)(equals - piece) + 1;
			/* a `rest` field takes everything after its '=' */
			size_t taken = fields[f].rest ? length - at - skip : size - skip;
			rc = acrn_scan_value(scan, &fields[f], piece + skip, taken, &values[f]);
			if (fields[f].rest)
				end = length;
		} else {
			/* a value alone: the next positional field that reads it */
			char first_why[ACRN_ERROR_MAX] = "";
			rc = -ENOENT;
			for (size_t g = cursor; g < count && rc == -ENOENT; g++) {
				if (!positional(scan, &fields[g]) || values[g].set)
					continue;
				bool rest = takes_rest(&fields[g]);
				rc = acrn_scan_value(scan, &fields[g], piece,
						     rest ? length - at : size, &values[g]);
				/* a choice only might have been meant; another field was */
				if (rc == -ENOENT && !*first_why &&
				    fields[g].type != ACRN_TYPE_CHOICE)
					memcpy(first_why, scan->error->message, sizeof first_why);
				if (rc == -ENOENT)
					values[g] = (struct acrn_value){0};
				else
					f = (int)g;
				if (rc == 0 && rest)
					end = length;
			}
			/* what the first field that could have read it says, else why not */
			if (f < 0 && *first_why) {
				memcpy(scan->error->message, first_why, sizeof first_why);
				return -ENOENT;
			}
			if (f < 0)
				return acrn_scan_fail(scan, -ENOENT,
						      "%s is not a piece of its configuration that "
						      "the catalogue knows",
						      shown(piece, size, shown_text));
		}
		if (rc < 0)
			return rc;
		/* the fields render in their order: a value alone goes later */
		if ((size_t)f + 1 > cursor)
			cursor = (size_t)f + 1;
		at = end + 1;
	}
	return 0;
}

int acrn_scan_fields(const struct acrn_scan *scan, const struct acrn_field *fields, size_t count,
		     struct acrn_value *values, const char *text, size_t length)
{
	return scan_pieces(scan, fields, count, values, text, length, false);
}

/* ---------------------------------------------------------------------------
 * Devices and options
 */

int acrn_scan_slot(const char *text, int *bus, int *slot, int *func, bool *junk,
		   struct acrn_error *error)
{
	long parts[3];
	size_t count = 0;
	const char *at = text;
	char shown_text[128];
	while (count < 3 && isdigit((unsigned char)*at)) {
		char *end;
		parts[count++] = strtol(at, &end, 10);
		at = end;
		if (count == 3 || !*at || !strchr(":/.", *at) || !isdigit((unsigned char)at[1]))
			break;
		at++;
	}
	if (count == 0)
		return acrn_fail(error, 0,
				 "slot %s is not a slot: SLOT, SLOT:FUNC or BUS:SLOT:FUNC",
				 acrn_describe(text, strlen(text), shown_text));
	long b = count == 3 ? parts[0] : 0, s = parts[count == 3 ? 1 : 0];
	long f = count == 1 ? 0 : parts[count - 1];
	if (b > ACRN_BUS_MAX || s > ACRN_SLOT_MAX || f > ACRN_FUNC_MAX)
		return acrn_fail(error, 0,
				 "slot %s is out of range (bus 0-255, slot 0-31, function 0-7)",
				 acrn_describe(text, strlen(text), shown_text));
	*junk = *at != '\0';
	*bus = (int)b;
	*slot = (int)s;
	*func = (int)f;
	return 0;
}

int acrn_scan_device(const struct acrn_target *target, const char *text, struct acrn_device *device,
		     struct acrn_arena *arena, struct acrn_error *error)
{
	size_t count;
	const struct acrn_emulation *emulations = acrn_emulations(&count);
	const char *comma = strchr(text, ',');
	size_t kind_length = comma ? (size_t)(comma - text) : strlen(text);
	char shown_text[128];
	memset(device, 0, sizeof *device);
	device->bus = device->slot = device->func = ACRN_UNSET;
	for (size_t i = 0; i < count; i++)
		if (strlen(emulations[i].kind) == kind_length &&
		    memcmp(emulations[i].kind, text, kind_length) == 0)
			device->emulation = &emulations[i];
	if (!device->emulation) {
		acrn_fail(error, 0, "emulation %s is not in the catalogue",
			  acrn_describe(text, kind_length, shown_text));
		return -ENOENT;
	}
	const struct acrn_emulation *emulation = device->emulation;
	const struct acrn_scan scan = {target, arena, emulation->kind, error};
	const char *config = comma ? comma + 1 : NULL;
	if (emulation->scan)
		return emulation->scan(&scan, emulation, config, device->values);
	if (!config)
		return 0;
	return scan_pieces(&scan, emulation->fields, emulation->field_count, device->values, config,
			   strlen(config), true);
}

int acrn_scan_option(const struct acrn_target *target, size_t option, const char *text,
		     struct acrn_value *value, struct acrn_arena *arena, struct acrn_error *error)
{
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	const struct acrn_field *field = &options[option].field;
	const char *key = field->renamed_key && target->release >= field->renamed_since
				  ? field->renamed_key
				  : field->key;
	const struct acrn_scan scan = {target, arena, key ? key : field->name, error};
	*value = (struct acrn_value){0};
	if (!text) {
		if (field->type != ACRN_TYPE_BOOL && !field->flag_ok)
			return acrn_scan_fail(&scan, -EINVAL, "needs a value (acrn-dm refuses it)");
		*value = (struct acrn_value){.set = true, .flag = true};
		return 0;
	}
	if (field->type == ACRN_TYPE_BOOL)
		return acrn_scan_fail(&scan, -EINVAL, "takes no value (acrn-dm refuses it)");
	if (field->repeat) {
		/* one record an option */
		struct acrn_value *items = acrn_scan_values(&scan, field->record->count);
		if (!items)
			return -ENOMEM;
		*value = (struct acrn_value){.set = true, .items = items, .count = 1};
		return acrn_scan_fields(&scan, field->record->fields, field->record->count, items,
					text, strlen(text));
	}
	return acrn_scan_value(&scan, field, text, strlen(text), value);
}

int acrn_scan_device_option(const struct acrn_target *target, const char *key, const char *text,
			    const struct acrn_emulation **emulation, size_t *field,
			    struct acrn_value *value, struct acrn_arena *arena,
			    struct acrn_error *error)
{
	size_t count;
	const struct acrn_emulation *emulations = acrn_emulations(&count);
	bool lpc = strcmp(key, "-l") == 0;
	const char *comma = strchr(text, ',');
	size_t name_length = comma ? (size_t)(comma - text) : strlen(text);
	char shown_text[128];
	for (size_t e = 0; e < count; e++)
		for (size_t f = 0; f < emulations[e].field_count; f++) {
			const struct acrn_field *candidate = &emulations[e].fields[f];
			const char *name = candidate->key ? candidate->key : candidate->name;
			/* -l COMn[,VALUE] by the UART's name (any case); -G VALUE by key */
			bool fits = lpc ? candidate->render == ACRN_RENDER_LPC &&
						    strlen(name) == name_length &&
						    strncasecmp(name, text, name_length) == 0
					: candidate->render == ACRN_RENDER_OPTION &&
						    strcmp(name, key) == 0;
			if (!fits)
				continue;
			const char *rest = lpc ? (comma ? comma + 1 : "") : text;
			const struct acrn_scan scan = {target, arena, key, error};
			*emulation = &emulations[e];
			*field = f;
			return acrn_scan_value(&scan, candidate, rest, strlen(rest), value);
		}
	return acrn_fail(error, 0, "%s %s: acrn-dm has no such %s (it refuses it)", key,
			 acrn_describe(text, strlen(text), shown_text), lpc ? "UART" : "option");
}

/* ---------------------------------------------------------------------------
 * acrn-dm's argv, as its getopt_long reads it
 */

/* How a spelling of an option takes a value. */
enum takes { TAKES_NONE, TAKES_VALUE, TAKES_VALUE_SINCE };

/* One name acrn-dm's getopt table has, in some release. */
struct spelling {
	const char *name; /* without the dashes: "m", "memsize" */
	bool is_long;
	enum acrn_word_kind kind;
	int option;
	const char *key; /* canonical spelling */
	const struct acrn_field *field;
	struct acrn_releases releases;
	enum takes takes;
	int value_since;
};

#define SPELLINGS_MAX (ACRN_OPTIONS_MAX * 3 + 16)

/* Adds `key` (and `long_name`, the long name of a one-letter key). */
static void add_spelling(struct spelling *list, size_t *count, const struct spelling *base,
			 const char *key, const char *long_name)
{
	if (*count + 2 > SPELLINGS_MAX || !key)
		return;
	struct spelling spelling = *base;
	spelling.key = key;
	spelling.is_long = key[1] == '-';
	spelling.name = key + (spelling.is_long ? 2 : 1);
	list[(*count)++] = spelling;
	if (long_name) {
		spelling.is_long = true;
		spelling.name = long_name;
		list[(*count)++] = spelling;
	}
}

/* Every spelling of every release, in the catalogue's order. */
static size_t spellings(struct spelling *list)
{
	size_t count = 0, options_count, commands_count, emulations_count;
	const struct acrn_option *options = acrn_options(&options_count);
	const struct acrn_command_option *commands = acrn_command_options(&commands_count);
	const struct acrn_emulation *emulations = acrn_emulations(&emulations_count);
	for (size_t i = 0; i < options_count; i++) {
		const struct acrn_field *field = &options[i].field;
		struct spelling base = {.kind = ACRN_WORD_OPTION,
					.option = (int)i,
					.field = field,
					.releases = field->releases,
					.takes = field->type == ACRN_TYPE_BOOL ? TAKES_NONE
						 : field->flag_ok              ? TAKES_VALUE_SINCE
									       : TAKES_VALUE,
					.value_since = field->value_since};
		/* an option that moved into the devices is accepted and ignored */
		if (options[i].into_devices_since) {
			base.releases.removed = 0;
			base.releases.ignored = options[i].into_devices_since;
		}
		struct spelling renamed = base;
		if (field->renamed_key) {
			if (!base.releases.removed || base.releases.removed > field->renamed_since)
				base.releases.removed = field->renamed_since;
			if (renamed.releases.since < field->renamed_since)
				renamed.releases.since = field->renamed_since;
		}
		add_spelling(list, &count, &base, field->key, field->long_name);
		if (field->renamed_key)
			add_spelling(list, &count, &renamed, field->renamed_key, NULL);
	}
	for (size_t i = 0; i < commands_count; i++) {
		struct spelling base = {.kind = commands[i].role == ACRN_COMMAND_DEVICE
							? ACRN_WORD_DEVICE
						: commands[i].role == ACRN_COMMAND_LPC
							? ACRN_WORD_DEVICE_OPTION
							: ACRN_WORD_PRINTS,
					.option = -1,
					.takes = commands[i].takes_value ? TAKES_VALUE
									 : TAKES_NONE};
		add_spelling(list, &count, &base, commands[i].key, commands[i].long_name);
	}
	for (size_t e = 0; e < emulations_count; e++)
		for (size_t f = 0; f < emulations[e].field_count; f++) {
			const struct acrn_field *field = &emulations[e].fields[f];
			if (field->render != ACRN_RENDER_OPTION)
				continue;
			struct spelling base = {.kind = ACRN_WORD_DEVICE_OPTION,
						.option = -1,
						.field = field,
						.releases = emulations[e].releases,
						.takes = TAKES_VALUE};
			add_spelling(list, &count, &base, field->key, field->long_name);
		}
	return count;
}

static bool accepted(const struct acrn_target *target, const struct spelling *spelling)
{
	return !target || acrn_accepts(&spelling->releases, target) != ACRN_REFUSED;
}

/* The word of argv[i] that spelling `s` reads. */
static struct acrn_word word_of(const struct spelling *s, size_t i)
{
	return (struct acrn_word){.kind = s->kind,
				  .option = s->option,
				  .key = s->key,
				  .releases = s->releases,
				  .field = s->field,
				  .first = i,
				  .count = 1};
}

/* The spelling called `name` (`length` bytes; a letter when !is_long): an
 * exact name of any release (this target's first), else, for a long name,
 * the one spelling of this target that it is a prefix of.  NULL when none;
 * -EINVAL in `rc` when a prefix fits several. */
static const struct spelling *find_spelling(const struct spelling *list, size_t count,
					    const struct acrn_target *target, const char *name,
					    size_t length, bool is_long, struct acrn_error *error,
					    int *rc)
{
	const struct spelling *exact = NULL, *prefixed = NULL;
	char names[256] = "";
	size_t at = 0, fits = 0;
	*rc = 0;
	for (size_t i = 0; i < count; i++) {
		const struct spelling *s = &list[i];
		if (s->is_long != is_long || strncmp(s->name, name, length) != 0)
			continue;
		if (s->name[length] == '\0') {
			if (!exact || (!accepted(target, exact) && accepted(target, s)))
				exact = s;
			continue;
		}
		if (!is_long || !accepted(target, s))
			continue;
		/* one name of acrn-dm's table, whatever catalogue entries have it */
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = list[j].is_long && accepted(target, &list[j]) &&
			       strcmp(list[j].name, s->name) == 0;
		if (seen)
			continue;
		fits++;
		acrn_appendf(names, sizeof names, &at, "%s--%s", fits > 1 ? ", " : "", s->name);
		if (!prefixed)
			prefixed = s;
	}
	if (exact)
		return exact;
	if (fits > 1) {
		*rc = acrn_fail(error, 0, "--%.*s is ambiguous (%s); acrn-dm refuses it",
				(int)length, name, names);
		return NULL;
	}
	return prefixed;
}

/* Appends a word; -ENOMEM. */
static int add_word(struct acrn_words *words, const struct acrn_word *word, size_t *capacity)
{
	if (words->count == *capacity) {
		size_t more = *capacity ? *capacity * 2 : 16;
		struct acrn_word *items = realloc(words->items, more * sizeof *items);
		if (!items)
			return -ENOMEM;
		words->items = items;
		*capacity = more;
	}
	words->items[words->count++] = *word;
	return 0;
}

/* Whether a flag_ok option given without '=' takes the next word. */
static bool takes_next(const struct acrn_target *target, const struct spelling *spelling,
		       const char *next)
{
	size_t count;
	const struct acrn_target *targets = acrn_targets(&count);
	if (spelling->takes == TAKES_VALUE)
		return true;
	if (spelling->takes == TAKES_NONE || !next)
		return false;
	if (target)
		return target->release >= spelling->value_since;
	/* any release: when the next word reads as its value */
	for (size_t i = 0; i < count; i++)
		if (targets[i].release >= spelling->value_since) {
			struct acrn_arena arena = {0};
			struct acrn_value value;
			struct acrn_error error;
			int rc = acrn_scan_option(&targets[i], (size_t)spelling->option, next,
						  &value, &arena, &error);
			acrn_arena_free(&arena);
			return rc == 0;
		}
	return false;
}

int acrn_scan_argv(const struct acrn_target *target, const char *const *argv, size_t count,
		   struct acrn_words *words, struct acrn_error *error)
{
	struct spelling list[SPELLINGS_MAX];
	size_t known = spellings(list), capacity = 0;
	bool options_ended = false;
	int rc = 0;
	*words = (struct acrn_words){0};
	for (size_t i = 0; i < count && rc == 0; i++) {
		const char *word = argv[i];
		struct acrn_word out = {.kind = ACRN_WORD_NAME,
					.option = -1,
					.first = i,
					.count = 1};
		if (options_ended || word[0] != '-' || word[1] == '\0') {
			out.value = word;
			rc = add_word(words, &out, &capacity);
			continue;
		}
		if (strcmp(word, "--") == 0) {
			options_ended = true;
			continue;
		}
		if (word[1] == '-') {
			const char *name = word + 2, *equals = strchr(name, '=');
			size_t length = equals ? (size_t)(equals - name) : strlen(name);
			const struct spelling *s = find_spelling(list, known, target, name, length,
								 true, error, &rc);
			if (rc < 0)
				break;
			if (!s) {
				out.kind = ACRN_WORD_UNKNOWN;
				out.key = word;
				rc = add_word(words, &out, &capacity);
				continue;
			}
			out = word_of(s, i);
			if (equals && s->takes == TAKES_NONE) {
				rc = acrn_fail(error, 0, "%s takes no value (acrn-dm refuses %s)",
					       s->key, word);
				break;
			}
			if (equals) {
				out.value = equals + 1;
			} else if (takes_next(target, s, i + 1 < count ? argv[i + 1] : NULL)) {
				if (i + 1 == count) {
					rc = acrn_fail(error, 0,
						       "%s needs a value (acrn-dm refuses it)",
						       word);
					break;
				}
				out.value = argv[++i];
				out.count = 2;
			}
			rc = add_word(words, &out, &capacity);
			continue;
		}
		/* a cluster of one-letter options: -AW, -m512M, -lcom1,stdio */
		size_t before = words->count;
		for (const char *letter = word + 1; *letter && rc == 0; letter++) {
			const struct spelling *s = find_spelling(list, known, target, letter, 1,
								 false, error, &rc);
			if (!s) {
				/* a letter nobody knows: the whole word is unknown */
				words->count = before;
				out = (struct acrn_word){.kind = ACRN_WORD_UNKNOWN,
							 .option = -1,
							 .key = word,
							 .first = i,
							 .count = 1};
				rc = add_word(words, &out, &capacity);
				break;
			}
			out = word_of(s, i);
			if (s->takes != TAKES_NONE) {
				if (letter[1]) {
					out.value = letter + 1;
				} else if (i + 1 < count) {
					out.value = argv[++i];
					out.count = 2;
				} else {
					rc = acrn_fail(error, 0,
						       "%s needs a value (acrn-dm refuses it)",
						       s->key);
					break;
				}
				rc = add_word(words, &out, &capacity);
				break;
			}
			rc = add_word(words, &out, &capacity);
		}
	}
	return rc;
}

void acrn_words_free(struct acrn_words *words)
{
	free(words->items);
	*words = (struct acrn_words){0};
}
