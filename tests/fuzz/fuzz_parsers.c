/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: the core's small parsers, each against an independent
 * reading of its grammar where one is short enough to write here.  The
 * first byte picks the parser:
 *   0 acrn_memory_parse     "2048M": same verdict and size as the reference
 *   1 acrn_bdf_parse        "00:1f.3", "0000:00:1f.3", "0/1f/3": ditto
 *   2 acrn_version_parse    what acrn-dm -v prints: a sane version or -EINVAL
 *   3 MAC, 4 UUID, 5 UART   acrn_value_check on the catalogue's own fields,
 *                           against a reference of each grammar
 *   6 acrn_shell_quote      any size of buffer; sh reads the word back
 *   7 console ports         records of { backend, name, path, mode, console }
 *   8.. any field of the catalogue (console ports, BDF, paths, lists,
 *       records…): acrn_value_check, then acrn_render_value into a heap
 *       buffer of a chosen size; accepted text inside a -s/-l value has no
 *       ',', NUL or line break.
 */
#include <ctype.h>
#include <errno.h>

#include "fuzz.h"
#include "internal.h"

/* ---- every field of the catalogue, at any depth ------------------------------ */

struct known_field {
	const struct acrn_field *field;
	bool in_config; /* its text lands inside a ','-split value */
	const char *owner;
};

static struct known_field known[1024];
static size_t known_count;

static void collect(const struct acrn_field *field, bool in_config, const char *owner)
{
	if (known_count == sizeof known / sizeof known[0])
		abort();
	known[known_count++] = (struct known_field){field, in_config, owner};
	if (field->element)
		collect(field->element, in_config, owner);
	if (field->record)
		for (size_t f = 0; f < field->record->count; f++)
			collect(&field->record->fields[f], in_config, owner);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	size_t count;
	const struct acrn_emulation *emulations = acrn_emulations(&count);
	for (size_t e = 0; e < count; e++)
		for (size_t f = 0; f < emulations[e].field_count; f++) {
			const struct acrn_field *field = &emulations[e].fields[f];
			collect(field,
				field->render != ACRN_RENDER_NONE &&
					field->render != ACRN_RENDER_OPTION,
				"device #1 (x)");
		}
	const struct acrn_option *options = acrn_options(&count);
	for (size_t i = 0; i < count; i++) {
		const struct acrn_field *field = &options[i].field;
		collect(field, field->type == ACRN_TYPE_RECORD || field->type == ACRN_TYPE_RECORDS,
			"");
	}
	return 0;
}

static const struct acrn_field *find_field(enum acrn_type type)
{
	for (size_t i = 0; i < known_count; i++)
		if (known[i].field->type == type)
			return known[i].field;
	abort();
}

/* ---- references ------------------------------------------------------------------- */

static bool all_digits(const char *text, size_t length)
{
	for (size_t i = 0; i < length; i++)
		if (!isdigit((unsigned char)text[i]))
			return false;
	return length > 0;
}

static void memory(const char *text, size_t length)
{
	unsigned long long mib = 0, expected = 0;
	const char *why = NULL;
	int rc = acrn_memory_parse(text, length, &mib, &why);
	bool shaped = length >= 2 && length - 1 <= 15 && text[0] >= '1' && text[0] <= '9' &&
		      all_digits(text, length - 1) && strchr("kKmMgG", text[length - 1]) &&
		      text[length - 1];
	if (shaped) {
		unsigned long long number = 0;
		for (size_t i = 0; i + 1 < length; i++)
			number = number * 10 + (unsigned)(text[i] - '0');
		char unit = (char)tolower((unsigned char)text[length - 1]);
		expected = unit == 'k' ? number / 1024 : unit == 'm' ? number : number * 1024;
		shaped = expected <= ACRN_MEMORY_MAX_MIB;
	}
	FUZZ_ASSERT((rc == 0) == shaped, "memory \"%.*s\": parse %d, reference %d", (int)length,
		    text, rc, shaped);
	if (rc == 0)
		FUZZ_ASSERT(mib == expected, "memory \"%s\": %llu MiB, reference %llu", text, mib,
			    expected);
	else
		FUZZ_ASSERT(rc == -EINVAL && why && *why, "memory \"%s\": no reason", text);
}

/* Reads a run of hex digits into *value (saturated above 0xffffffff);
 * false when there is none. */
static bool hex_number(const char **text, unsigned long long *value)
{
	const char *c = *text;
	unsigned long long number = 0;
	if (!isxdigit((unsigned char)*c))
		return false;
	for (; isxdigit((unsigned char)*c); c++) {
		unsigned digit = isdigit((unsigned char)*c)
					 ? (unsigned)(*c - '0')
					 : (unsigned)(tolower((unsigned char)*c) - 'a' + 10);
		number = number > 0xffffffffULL ? number : number * 16 + digit;
	}
	*text = c;
	*value = number;
	return true;
}

/* [0…0:]BUS:DEV.FN or BUS/DEV/FN, hex digits only. */
static bool bdf_reference(const char *text, unsigned *bus, unsigned *device, unsigned *function)
{
	const char *c = text;
	unsigned long long parts[4];
	char separators[4] = "";
	size_t count = 0;
	for (;;) {
		if (count == 4 || !hex_number(&c, &parts[count]))
			return false;
		count++;
		if (!*c)
			break;
		if (!strchr(":./", *c))
			return false;
		separators[count - 1] = *c++;
	}
	/* as acrn-dm's parse_bdf: any of ":./" between BUS, DEVICE, FUNCTION;
	 * two parts are DEVICE and FUNCTION on bus 0; and the sysfs form
	 * 0000:BUS:DEVICE.FUNCTION */
	unsigned long long three[3];
	if (count == 4 && strcmp(separators, "::.") == 0 && parts[0] == 0)
		memcpy(three, parts + 1, sizeof three);
	else if (count == 3)
		memcpy(three, parts, sizeof three);
	else if (count == 2)
		three[0] = 0, three[1] = parts[0], three[2] = parts[1];
	else
		return false;
	*bus = (unsigned)three[0];
	*device = (unsigned)three[1];
	*function = (unsigned)three[2];
	return three[0] <= 0xff && three[1] <= 0x1f && three[2] <= 7;
}

static void bdf(const char *text)
{
	unsigned bus = 0, device = 0, function = 0, rbus = 0, rdevice = 0, rfunction = 0;
	int rc = acrn_bdf_parse(text, &bus, &device, &function);
	bool expected = bdf_reference(text, &rbus, &rdevice, &rfunction);
	/* open bug "bdf-overflow": sscanf's %x wraps numbers above 32 bits, so
	 * "100000000:1f.3" is taken for 00:1f.3 */
	if (rc == 0 && !expected && fuzz_open_bug("bdf-overflow"))
		return;
	FUZZ_ASSERT((rc == 0) == expected, "bdf \"%s\": parse %d (%x/%x/%x), reference %d", text,
		    rc, bus, device, function, expected);
	if (rc == 0)
		FUZZ_ASSERT(bus == rbus && device == rdevice && function == rfunction,
			    "bdf \"%s\": %x/%x/%x, reference %x/%x/%x", text, bus, device, function,
			    rbus, rdevice, rfunction);
}

static void release(const char *text)
{
	struct acrn_version version;
	int rc = acrn_version_parse(text, &version);
	FUZZ_ASSERT(rc == 0 || rc == -EINVAL, "release: %d", rc);
	if (rc == 0) {
		FUZZ_ASSERT(version.major >= 0 && version.major <= 99 && version.minor >= 0 &&
				    version.minor <= 99 && version.patch >= 0 &&
				    version.patch <= 99,
			    "version %d.%d.%d", version.major, version.minor, version.patch);
		const struct acrn_target *target;
		const char *note;
		struct acrn_error error;
		rc = acrn_version_target(&version, &target, &note, &error);
		FUZZ_ASSERT(rc == 0 || rc == -EINVAL, "version target: %d", rc);
	}
}

/* ---- values against the catalogue ------------------------------------------------- */

static const struct acrn_target *pick_target(struct fuzz_input *in)
{
	size_t count;
	const struct acrn_target *targets = acrn_targets(&count);
	return &targets[fuzz_below(in, (unsigned)count)];
}

static void no_bad_bytes(const struct acrn_field *field, const struct acrn_value *value,
			 bool in_config)
{
	if (!value->set)
		return;
	if (value->text) {
		FUZZ_ASSERT(strlen(value->text) == value->length, "%s accepted with a NUL",
			    field->name);
		FUZZ_ASSERT(!memchr(value->text, '\n', value->length) &&
				    !memchr(value->text, '\r', value->length),
			    "%s accepted with a line break", field->name);
		for (size_t i = 0; i < value->length; i++) /* L1: none a terminal acts on */
			FUZZ_ASSERT((unsigned char)value->text[i] >= 0x20 && value->text[i] != 0x7f,
				    "%s accepted with the control character 0x%02x", field->name,
				    (unsigned char)value->text[i]);
		/* a field that takes the rest of the string (mac_seed=) may hold
		 * commas: acrn-dm reads them into it */
		if (in_config && !field->rest)
			FUZZ_ASSERT(!memchr(value->text, ',', value->length),
				    "%s accepted with ',' in \"%s\"", field->name, value->text);
	}
	if (field->type == ACRN_TYPE_LIST)
		for (size_t i = 0; i < value->count; i++)
			no_bad_bytes(field->element, &value->items[i], in_config);
	if ((field->type == ACRN_TYPE_RECORD || field->type == ACRN_TYPE_RECORDS) && value->items)
		for (size_t r = 0; r < value->count; r++)
			for (size_t f = 0; f < field->record->count; f++)
				no_bad_bytes(&field->record->fields[f],
					     &acrn_record_items(field, value, r)[f], in_config);
}

/* Checks `value` for `field` and, when accepted, renders it into buffers of
 * a few sizes.  Returns acrn_value_check's result. */
static int check_and_render(struct fuzz_input *in, const struct known_field *known_field,
			    const struct acrn_value *value)
{
	struct acrn_vm vm = {.target = pick_target(in), .facts = &fuzz_facts};
	struct acrn_strings warnings = {0};
	struct acrn_error error;
	struct acrn_context context = {.vm = &vm,
				       .owner = known_field->owner,
				       .device = *known_field->owner ? 1 : 0,
				       .in_config = known_field->in_config,
				       .warnings = &warnings,
				       .error = &error};
	int rc = acrn_value_check(&context, known_field->field, value);
	FUZZ_ASSERT(rc == 0 || rc == -EINVAL, "acrn_value_check: %d", rc);
	if (rc < 0)
		FUZZ_ASSERT(error.message[0], "refused without a message");
	if (rc == 0 && known_field->field->render != ACRN_RENDER_NONE) {
		no_bad_bytes(known_field->field, value, known_field->in_config);
		for (int round = 0; round < 2; round++) {
			size_t size = round == 0 ? 8192 : 1 + fuzz_below(in, 200);
			char *buffer = malloc(size);
			int rendered = acrn_render_value(&context, known_field->field, value,
							 buffer, size);
			FUZZ_ASSERT(rendered == 0 || rendered == -ENOSPC || rendered == -EINVAL,
				    "acrn_render_value: %d", rendered);
			if (rendered == 0)
				FUZZ_ASSERT(strlen(buffer) < size, "rendered past the buffer");
			free(buffer);
		}
	}
	acrn_strings_free(&warnings);
	return rc;
}

/* The last target that has `field`. */
static const struct acrn_target *target_for(const struct acrn_field *field)
{
	size_t count;
	const struct acrn_target *targets = acrn_targets(&count), *found = NULL;
	for (size_t i = 0; i < count; i++)
		if ((!field->releases.since || targets[i].release >= field->releases.since) &&
		    (!field->releases.removed || targets[i].release < field->releases.removed))
			found = &targets[i];
	return found;
}

/* acrn_value_check of `text` for `field`, inside a -s value. */
static int text_check(const struct acrn_field *field, const char *text, size_t length)
{
	struct acrn_vm vm = {.target = target_for(field)};
	struct acrn_error error;
	struct acrn_context context = {.vm = &vm,
				       .owner = "device #1 (x)",
				       .device = 1,
				       .in_config = true,
				       .error = &error};
	struct acrn_value value = {.set = true, .text = text, .length = length};
	return acrn_value_check(&context, field, &value);
}

/* What every value must be (value.c's text check): no NUL, no ',' and no
 * control character, line breaks, DEL and the rest (L1: a terminal would
 * act on them). */
static bool clean_text(const char *text, size_t length)
{
	if (strlen(text) != length || memchr(text, ',', length))
		return false;
	for (size_t i = 0; i < length; i++)
		if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
			return false;
	return true;
}

static void mac(const char *text, size_t length)
{
	bool expected = length == 17 && clean_text(text, length);
	unsigned bytes[6] = {0};
	for (size_t i = 0; expected && i < 17; i++)
		expected = i % 3 == 2 ? text[i] == ':' : isxdigit((unsigned char)text[i]) != 0;
	for (size_t i = 0; expected && i < 6; i++)
		sscanf(text + 3 * i, "%2x", &bytes[i]);
	expected = expected && !(bytes[0] & 1) &&
		   (bytes[0] | bytes[1] | bytes[2] | bytes[3] | bytes[4] | bytes[5]);
	int rc = text_check(find_field(ACRN_TYPE_MAC), text, length);
	FUZZ_ASSERT((rc == 0) == expected, "mac \"%s\": check %d, reference %d", text, rc,
		    expected);
}

static void uuid(const char *text, size_t length)
{
	bool expected = length == 36 && clean_text(text, length);
	for (size_t i = 0; expected && i < 36; i++)
		expected = (i == 8 || i == 13 || i == 18 || i == 23)
				   ? text[i] == '-'
				   : isxdigit((unsigned char)text[i]) != 0;
	int rc = text_check(find_field(ACRN_TYPE_UUID), text, length);
	FUZZ_ASSERT((rc == 0) == expected, "uuid \"%s\": check %d, reference %d", text, rc,
		    expected);
}

static void uart(const char *text, size_t length)
{
	bool expected = clean_text(text, length);
	if (expected && length && strcmp(text, "stdio") != 0 && text[0] != '/') {
		expected = strncmp(text, "tcp:", 4) == 0 && text[4] >= '1' && text[4] <= '9' &&
			   length <= 9 && all_digits(text + 4, length - 4) &&
			   atol(text + 4) <= 65535;
	}
	int rc = text_check(find_field(ACRN_TYPE_UART), text, length);
	FUZZ_ASSERT((rc == 0) == expected, "uart \"%s\": check %d, reference %d", text, rc,
		    expected);
}

/* ---- shell quoting -------------------------------------------------------------------- */

static void shell_quote(struct fuzz_input *in, const char *text)
{
	size_t needed = acrn_shell_quote(NULL, 0, text);
	char *full = malloc(needed + 1);
	FUZZ_ASSERT(acrn_shell_quote(full, needed + 1, text) == needed, "needs differ");
	FUZZ_ASSERT(strlen(full) == needed, "wrote %zu of %zu bytes", strlen(full), needed);
	/* sh's reading of one word: bare bytes, '…', and \' between quotes */
	char *back = malloc(needed + 1);
	size_t at = 0;
	for (const char *c = full; *c;) {
		if (*c == '\'') {
			for (c++; *c && *c != '\''; c++)
				back[at++] = *c;
			FUZZ_ASSERT(*c == '\'', "unterminated quote: %s", full);
			c++;
		} else if (*c == '\\') {
			back[at++] = c[1];
			c += 2;
		} else {
			FUZZ_ASSERT(!strchr(" \t\n|&;<>()$`\"*?[#~", *c),
				    "unquoted special byte in %s", full);
			back[at++] = *c++;
		}
	}
	back[at] = '\0';
	FUZZ_ASSERT(strcmp(back, text) == 0, "\"%s\" quoted as %s reads back as \"%s\"", text, full,
		    back);
	size_t size = 1 + fuzz_below(in, (unsigned)needed + 2);
	char *partial = malloc(size);
	FUZZ_ASSERT(acrn_shell_quote(partial, size, text) == needed, "needs differ by size");
	FUZZ_ASSERT(strlen(partial) < size && strncmp(partial, full, strlen(partial)) == 0,
		    "a short buffer holds something else");
	free(partial);
	free(back);
	free(full);
}

/* Scanning any text: no crash, no leak, a known result code; a device
 * text that scans and renders scans back to the same rendering; argv
 * words (one a line) scan, and each option's value scans or is refused. */
static void scan_text(struct fuzz_input *in, char *text)
{
	size_t count;
	const struct acrn_target *targets = acrn_targets(&count);
	const struct acrn_target *target = &targets[fuzz_below(in, (unsigned)count)];
	struct acrn_arena arena = {0};
	struct acrn_device device, again;
	struct acrn_error error;
	struct acrn_vm vm = {.target = target};
	char first[4 * ACRN_PATH_MAX], second[4 * ACRN_PATH_MAX];
	int rc = acrn_scan_device(target, text, &device, &arena, &error);
	FUZZ_ASSERT(rc == 0 || rc == -ENOENT || rc == -EINVAL, "acrn_scan_device: %d", rc);
	if (rc == 0 &&
	    acrn_device_render(&vm, &device, 1, first, sizeof first, NULL, &error) == 0) {
		rc = acrn_scan_device(target, first, &again, &arena, &error);
		FUZZ_ASSERT(rc == 0, "%s does not scan back: %s", first, error.message);
		rc = acrn_device_render(&vm, &again, 1, second, sizeof second, NULL, &error);
		FUZZ_ASSERT(rc == 0 && strcmp(first, second) == 0, "%s scans back as %s", first,
			    rc == 0 ? second : error.message);
	}
	const char *argv[64];
	size_t words = 0;
	for (char *at = text; words < 64 && at;) {
		argv[words++] = at;
		at = strchr(at, '\n');
		if (at)
			*at++ = '\0';
	}
	struct acrn_words scanned;
	rc = acrn_scan_argv(fuzz_chance(in, 2) ? NULL : target, argv, words, &scanned, &error);
	FUZZ_ASSERT(rc == 0 || rc == -EINVAL, "acrn_scan_argv: %d", rc);
	for (size_t w = 0; rc == 0 && w < scanned.count; w++) {
		const struct acrn_word *word = &scanned.items[w];
		struct acrn_value value;
		if (word->kind != ACRN_WORD_OPTION)
			continue;
		int scanned_rc = acrn_scan_option(target, (size_t)word->option, word->value, &value,
						  &arena, &error);
		FUZZ_ASSERT(scanned_rc == 0 || scanned_rc == -ENOENT || scanned_rc == -EINVAL,
			    "acrn_scan_option: %d", scanned_rc);
	}
	acrn_words_free(&scanned);
	acrn_arena_free(&arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = {data, size, 0};
	struct fuzz_arena arena = {0};
	unsigned mode = fuzz_byte(&in);
	/* the rest of the input as text (NUL-terminated, maybe with NULs inside) */
	size_t length = size - in.at;
	char *text = fuzz_text_copy(&arena, (const char *)data + in.at, length);

	switch (mode % 14) {
	case 0:
		memory(text, length);
		break;
	case 1:
		bdf(text);
		break;
	case 2:
		release(text);
		break;
	case 3:
		mac(text, length);
		break;
	case 4:
		uuid(text, length);
		break;
	case 5:
		uart(text, length);
		break;
	case 6:
		shell_quote(&in, text);
		break;
	case 7: { /* console ports, [@]BACKEND:NAME[=PATH][:MODE] joined by ',' */
		const struct acrn_emulation *console = acrn_emulation_find("virtio_console");
		const struct known_field ports = {&console->fields[0], true, "device #1 (x)"};
		struct acrn_value value;
		fuzz_value(&in, &arena, ports.field, &value, 0);
		check_and_render(&in, &ports, &value);
		break;
	}
	case 8:
		scan_text(&in, text);
		break;
	default: {
		const struct known_field *pick = &known[fuzz_below(&in, (unsigned)known_count)];
		struct acrn_value value;
		fuzz_value(&in, &arena, pick->field, &value, 0);
		check_and_render(&in, pick, &value);
	}
	}
	fuzz_arena_free(&arena);
	return 0;
}
