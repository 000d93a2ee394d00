/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared by the libFuzzer targets: a reader that turns the fuzzer's bytes
 * into choices, an arena that owns everything one input allocates (so that
 * LeakSanitizer sees the core's leaks, not ours), and a generator of field
 * values shaped the way lua/binding.c hands them to the core: any text
 * (embedded NUL, ',' and newlines included), numbers at and beyond the
 * limits, lists and records of any length.
 */
#ifndef ACRN_FUZZ_H
#define ACRN_FUZZ_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

/* Host facts as a four-CPU host gives them: CPU N at LAPIC id 2N. */
static const struct acrn_cpu fuzz_cpus[] = {{0, 0}, {1, 2}, {2, 4}, {3, 6}};
static const struct acrn_host_facts fuzz_facts = {fuzz_cpus, 4, "/proc/cpuinfo"};

/* Host facts (/proc/cpuinfo) for cpu_affinity: a fixed tree from the tests. */
#ifndef FUZZ_HOST_ROOT
#define FUZZ_HOST_ROOT NULL
#endif

/* Stops the fuzzer with a message when an invariant does not hold. */
#define FUZZ_ASSERT(condition, ...)                                                            \
	do {                                                                                   \
		if (!(condition)) {                                                            \
			fprintf(stderr, "invariant broken at %s:%d: %s: ", __FILE__, __LINE__, \
				#condition);                                                   \
			fprintf(stderr, __VA_ARGS__);                                          \
			fputc('\n', stderr);                                                   \
			abort();                                                               \
		}                                                                              \
	} while (0)

/* True when $FUZZ_OPEN_BUGS names `bug` (space-separated): a known, reported
 * bug that a local run may step over to look for others.  Never set in CI. */
static inline int fuzz_open_bug(const char *bug)
{
	const char *list = getenv("FUZZ_OPEN_BUGS");
	size_t length = strlen(bug);
	for (const char *at = list; at && (at = strstr(at, bug)); at += length)
		if ((at == list || at[-1] == ' ') && (at[length] == '\0' || at[length] == ' '))
			return 1;
	return 0;
}

/* ---- choices from bytes --------------------------------------------------- */

struct fuzz_input {
	const uint8_t *data;
	size_t size, at;
};

/* The next byte, 0 when the input is used up. */
static inline unsigned fuzz_byte(struct fuzz_input *in)
{
	return in->at < in->size ? in->data[in->at++] : 0;
}

/* A number in [0, n) (n > 0). */
static inline unsigned fuzz_below(struct fuzz_input *in, unsigned n)
{
	unsigned value = fuzz_byte(in);
	if (n > 256)
		value = value << 8 | fuzz_byte(in);
	return n ? value % n : 0;
}

static inline int fuzz_chance(struct fuzz_input *in, unsigned one_in)
{
	return fuzz_below(in, one_in) == one_in - 1; /* a used-up input: never */
}

static inline uint64_t fuzz_u64(struct fuzz_input *in)
{
	uint64_t value = 0;
	for (int i = 0; i < 8; i++)
		value = value << 8 | fuzz_byte(in);
	return value;
}

/* ---- an arena ---------------------------------------------------------------- */

struct fuzz_arena {
	void **blocks;
	size_t count, capacity;
};

static inline void *fuzz_alloc(struct fuzz_arena *arena, size_t size)
{
	if (arena->count == arena->capacity) {
		arena->capacity = arena->capacity ? arena->capacity * 2 : 64;
		arena->blocks = realloc(arena->blocks, arena->capacity * sizeof *arena->blocks);
		if (!arena->blocks)
			abort();
	}
	void *block = calloc(1, size ? size : 1);
	if (!block)
		abort();
	arena->blocks[arena->count++] = block;
	return block;
}

static inline void fuzz_arena_free(struct fuzz_arena *arena)
{
	for (size_t i = 0; i < arena->count; i++)
		free(arena->blocks[i]);
	free(arena->blocks);
	*arena = (struct fuzz_arena){0};
}

/* ---- text ------------------------------------------------------------------------ */

/* Pieces that the grammars of acrn-dm and the core care about. */
static const char *const fuzz_tokens[] = {
	"/",
	"dev",
	"tty",
	"S1",
	"tap",
	"vmnet",
	"0",
	"1",
	"2",
	"7",
	"9",
	"15",
	"16",
	"255",
	"65535",
	"65536",
	"-",
	":",
	",",
	"=",
	"@",
	"{",
	"}",
	";",
	"'",
	"\"",
	" ",
	"\n",
	"\r",
	"\t",
	".",
	"..",
	"+",
	"x",
	"\xff",
	"\xc3\x28",
	"\xe2\x82",
	"stdio",
	"tcp:",
	"pty",
	"file",
	"socket",
	"server",
	"client",
	"nodisk",
	"00",
	"1f",
	"20",
	"0000",
	"0001",
	"M",
	"G",
	"k",
	"K",
	"m",
	"g",
	"b",
	"MSFT0101",
	"PNP0501",
	"INT34C5",
	"pty,",
	"tty,",
	"L2",
	"L3",
	"writeback",
	"writethru",
	"threads",
	"io_uring",
	"fullscreen:",
	"1920x1080",
	"apl",
	"ioc",
	"uart",
	"gpiochip0",
	"reset",
	"vm1",
	"sock_path",
	"img",
	"run",
	"var",
	"lib",
	"00:16:3e:00:00:01",
	"02",
	"a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f",
	"uart,allow_trigger_s5",
	"DM version is: ",
	"DM: ",
	"release_",
	"tag: v",
	"v",
	"3.3",
	"2.7",
	"99.99",
};
#define FUZZ_TOKEN_COUNT (sizeof fuzz_tokens / sizeof fuzz_tokens[0])

/* A NUL-terminated copy of `length` bytes in the arena. */
static inline char *fuzz_text_copy(struct fuzz_arena *arena, const char *text, size_t length)
{
	char *copy = fuzz_alloc(arena, length + 1);
	memcpy(copy, text, length);
	copy[length] = '\0';
	return copy;
}

/* Some text: one of `choices`, tokens joined, raw bytes, or something very
 * long.  Always NUL-terminated at *length (and may hold NULs before). */
static inline char *fuzz_text(struct fuzz_input *in, struct fuzz_arena *arena,
			      const char *const *choices, size_t *length)
{
	char buffer[512];
	size_t at = 0;
	unsigned how = fuzz_below(in, 8);
	if (choices && how < 3) {
		size_t count = 0;
		while (choices[count])
			count++;
		const char *choice = choices[fuzz_below(in, (unsigned)count)];
		*length = strlen(choice);
		return fuzz_text_copy(arena, choice, *length);
	}
	if (how == 3) { /* raw bytes */
		size_t n = fuzz_below(in, 48);
		for (; at < n && in->at < in->size; at++)
			buffer[at] = (char)fuzz_byte(in);
	} else if (how == 4 && fuzz_chance(in, 4)) { /* long: around the limits */
		static const size_t sizes[] = {15,   16,   127,  128,  1023, 1024,
					       2047, 2048, 4095, 4096, 9000};
		size_t n = sizes[fuzz_below(in, sizeof sizes / sizeof sizes[0])];
		char *text = fuzz_alloc(arena, n + 1);
		text[0] = '/';
		memset(text + 1, 'a' + (int)fuzz_below(in, 26), n - 1);
		text[n] = '\0';
		*length = n;
		return text;
	} else { /* tokens */
		size_t n = 1 + fuzz_below(in, 6);
		for (size_t i = 0; i < n; i++) {
			const char *token = fuzz_tokens[fuzz_below(in, FUZZ_TOKEN_COUNT)];
			size_t length_of = strlen(token);
			if (at + length_of >= sizeof buffer)
				break;
			memcpy(buffer + at, token, length_of);
			at += length_of;
		}
		if (fuzz_chance(in, 16) && at + 1 < sizeof buffer)
			buffer[at++] = '\0'; /* an embedded NUL */
	}
	*length = at;
	return fuzz_text_copy(arena, buffer, at);
}

/* ---- values ------------------------------------------------------------------------ */

static inline long long fuzz_integer(struct fuzz_input *in, const struct acrn_field *field)
{
	long long min = field->min, max = field->max;
	switch (fuzz_below(in, 10)) {
	case 0:
		return min;
	case 1:
		return max;
	case 2:
		return min == LLONG_MIN ? min : min - 1;
	case 3:
		return max == LLONG_MAX ? max : max + 1;
	case 4:
		return (long long)fuzz_u64(in);
	case 5:
		return fuzz_chance(in, 2) ? LLONG_MAX : LLONG_MIN;
	default: {
		unsigned long long span = (unsigned long long)max - (unsigned long long)min;
		unsigned long long pick = fuzz_u64(in);
		return span == ULLONG_MAX
			       ? (long long)pick
			       : (long long)((unsigned long long)min + pick % (span + 1));
	}
	}
}

/* Values that get past a field's type, by field name or type, so that the
 * fuzzer reaches the checks behind it; NULL when there are none. */
static inline const char *const *fuzz_exemplars(const struct acrn_field *field)
{
	static const struct {
		const char *name;
		const char *const values[5];
	} by_name[] = {
		{"tap", {"tap0", "vmnet1", "eth0"}},
		{"sectorsize", {"4096", "512/4096"}},
		{"range", {"2048/204800"}},
		{"discard", {"8:1:0"}},
		{"size", {"512K", "2M"}},
		{"geometry", {"1920x1080+0+0", "fullscreen:0"}},
		{"port", {"1-2", "2-4"}},
		{"line", {"3", "reset=vreset"}},
		{"chip", {"gpiochip0"}},
		{"hid", {"MSFT0101", "PNP0501", "INT34C5"}},
		{"name", {"console0", "shm0"}},
		{"pm_by_vuart", {"pty,/run/vuart", "tty,/dev/ttyS2"}},
		{"args", {"64 448 8"}},
		{"config", {"x", "1"}},
		{"raw", {"--debug"}},
		{"mac_seed", {"seed"}},
		{"uid", {"1"}},
		{"log", {"3"}},
		{"serial", {"S1"}},
	};
	static const struct {
		enum acrn_type type;
		const char *const values[5];
	} by_type[] = {
		{ACRN_TYPE_PATH, {"/var/lib/vm1.img", "/dev/ttyS1", "/run/vm1.sock"}},
		{ACRN_TYPE_MAC, {"00:16:3e:00:00:01", "02:00:00:00:00:01"}},
		{ACRN_TYPE_IFNAME, {"tap0"}},
		{ACRN_TYPE_UUID, {"a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f"}},
		{ACRN_TYPE_MEMORY, {"2048M", "2G", "131072k"}},
		{ACRN_TYPE_BOOTARGS, {"root=/dev/vda1 rw console=ttyS0", ""}},
		{ACRN_TYPE_VMNAME, {"vm1"}},
		{ACRN_TYPE_UART, {"stdio", "tcp:4444", "/dev/ttyS1", ""}},
		{ACRN_TYPE_BDF, {"00:1f.3", "0/1f/3", "0000:00:02.0"}},
	};
	for (size_t i = 0; i < sizeof by_name / sizeof by_name[0]; i++)
		if (strcmp(by_name[i].name, field->name) == 0 && field->type == ACRN_TYPE_STRING)
			return by_name[i].values;
	for (size_t i = 0; i < sizeof by_type / sizeof by_type[0]; i++)
		if (by_type[i].type == field->type)
			return by_type[i].values;
	return NULL;
}

/* Fills `value` for `field` as lua/binding.c would from some Lua value:
 * `true` for a flag_ok field, a flag, a number, text, or items.  Records get
 * one item per field of the record, each set or not. */
static inline void fuzz_value(struct fuzz_input *in, struct fuzz_arena *arena,
			      const struct acrn_field *field, struct acrn_value *value, int depth)
{
	*value = (struct acrn_value){.set = true};
	if (field->flag_ok && fuzz_chance(in, 3)) {
		value->flag = true;
		return;
	}
	switch (field->type) {
	case ACRN_TYPE_BOOL:
		value->flag = fuzz_byte(in) & 1;
		return;
	case ACRN_TYPE_INTEGER:
		value->number = fuzz_integer(in, field);
		return;
	case ACRN_TYPE_MEMORY:
		if (fuzz_chance(in, 2)) {
			static const struct acrn_field mib = {.min = 128,
							      .max = ACRN_MEMORY_MAX_MIB};
			value->number = fuzz_integer(in, &mib);
			return;
		}
		break;
	case ACRN_TYPE_LIST:
	case ACRN_TYPE_RECORDS:
	case ACRN_TYPE_RECORD: {
		size_t limit = field->max_items ? field->max_items + 2 : 8;
		size_t count = field->type == ACRN_TYPE_RECORD
				       ? 1
				       : fuzz_below(in, (unsigned)limit + 1);
		size_t width = field->type == ACRN_TYPE_LIST ? 1 : field->record->count;
		struct acrn_value *items = fuzz_alloc(arena,
						      (count ? count : 1) * width * sizeof *items);
		value->items = items;
		value->count = count;
		if (depth > 4)
			return;
		for (size_t i = 0; i < count; i++) {
			if (field->type == ACRN_TYPE_LIST) {
				fuzz_value(in, arena, field->element, &items[i], depth + 1);
				continue;
			}
			for (size_t f = 0; f < width; f++)
				if (field->record->fields[f].required ? !fuzz_chance(in, 8)
								      : fuzz_chance(in, 3))
					fuzz_value(in, arena, &field->record->fields[f],
						   &items[i * width + f], depth + 1);
		}
		return;
	}
	default:
		break;
	}
	const char *names[64];
	size_t count = 0;
	for (const struct acrn_choice *choice = field->choices;
	     choice && choice->name && count < 63; choice++)
		names[count++] = choice->name;
	names[count] = NULL;
	value->text = fuzz_text(in, arena, field->choices ? names : fuzz_exemplars(field),
				&value->length);
}

#endif
