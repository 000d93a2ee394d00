/* SPDX-License-Identifier: Apache-2.0 */
/* Owned vectors of strings (an argv, warnings) and their shell-quoted form. */
#include "internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Takes ownership of `copy` (malloc'd); frees it when it cannot be added. */
static int strings_adopt(struct acrn_strings *strings, char *copy)
{
	if (strings->count + 1 >= strings->capacity) {
		size_t capacity = strings->capacity ? strings->capacity * 2 : 16;
		char **items = realloc(strings->items, capacity * sizeof *items);
		if (!items) {
			free(copy);
			return -ENOMEM;
		}
		strings->items = items;
		strings->capacity = capacity;
	}
	strings->items[strings->count++] = copy;
	strings->items[strings->count] = NULL;
	return 0;
}

int acrn_strings_add(struct acrn_strings *strings, const char *text)
{
	char *copy = strdup(text);
	if (!copy)
		return -ENOMEM;
	return strings_adopt(strings, copy);
}

/* Formats of literal text and plain "%s" (most of the engine's and the
 * catalogue's) are written by hand: the printf family costs about a
 * thousand instructions a call, and checking a device made dozens. */

/* Whether `format` has no conversion but "%s" and "%%". */
static bool plain_format(const char *format)
{
	for (const char *c = strchr(format, '%'); c; c = strchr(c + 2, '%'))
		if (c[1] != 's' && c[1] != '%')
			return false;
	return true;
}

/* Writes plain `format` with `args` into `buffer` (of `size` bytes, NULL
 * when 0), NUL-terminated when `size` > 0, as vsnprintf does (NULL for
 * "%s" is "(null)"); returns the length of the whole text. */
static size_t plain_write(char *buffer, size_t size, const char *format, va_list args)
{
	size_t at = 0;
	for (const char *c = format; *c; c++) {
		const char *text = c;
		size_t length = 1;
		if (*c == '%' && c[1] == 's') {
			text = va_arg(args, const char *);
			text = text ? text : "(null)";
			length = strlen(text);
			c++;
		} else if (*c == '%') {
			c++; /* "%%" */
		}
		if (at < size)
			memcpy(buffer + at, text, at + length < size ? length : size - at);
		at += length;
	}
	if (size)
		buffer[at < size ? at : size - 1] = '\0';
	return at;
}

size_t acrn_concat(char *buffer, size_t size, const char *const texts[])
{
	size_t at = 0;
	for (; *texts; texts++) {
		size_t length = strlen(*texts);
		if (at < size)
			memcpy(buffer + at, *texts, at + length < size ? length : size - at);
		at += length;
	}
	if (size)
		buffer[at < size ? at : size - 1] = '\0';
	return at;
}

int acrn_format(char *buffer, size_t size, const char *format, va_list args)
{
	if (plain_format(format))
		return (int)plain_write(buffer, size, format, args);
	return vsnprintf(buffer, size, format, args);
}

int acrn_strings_addf(struct acrn_strings *strings, const char *format, ...)
{
	va_list args, again;
	va_start(args, format);
	va_copy(again, args);
	int length = acrn_format(NULL, 0, format, args);
	va_end(args);
	char *copy = length < 0 ? NULL : malloc((size_t)length + 1);
	if (copy)
		acrn_format(copy, (size_t)length + 1, format, again);
	va_end(again);
	if (!copy)
		return -ENOMEM;
	return strings_adopt(strings, copy);
}

void acrn_strings_free(struct acrn_strings *strings)
{
	for (size_t i = 0; i < strings->count; i++)
		free(strings->items[i]);
	free(strings->items);
	*strings = (struct acrn_strings){0};
}

/* Characters a POSIX shell reads literally anywhere in a word: letters,
 * digits and _@%+=:,./- (by range and switch, no search: the command line
 * of every launch is quoted for its log line). */
static bool shell_literal(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	switch (c) {
	case '_':
	case '@':
	case '%':
	case '+':
	case '=':
	case ':':
	case ',':
	case '.':
	case '/':
	case '-':
		return true;
	default:
		return false;
	}
}

/* The length of text, or 0 when a character in it needs quoting. */
static size_t literal_length(const char *text)
{
	const unsigned char *c = (const unsigned char *)text;
	while (*c && shell_literal(*c))
		c++;
	return *c ? 0 : (size_t)(c - (const unsigned char *)text);
}

size_t acrn_shell_quote(char *buffer, size_t size, const char *text)
{
	size_t length = literal_length(text);
	if (length) {
		if (size) {
			size_t kept = length < size ? length : size - 1;
			memcpy(buffer, text, kept);
			buffer[kept] = '\0';
		}
		return length;
	}
	size_t needed = 0;
#define PUT(ch)                                \
	do {                                   \
		if (needed + 1 < size)         \
			buffer[needed] = (ch); \
		needed++;                      \
	} while (0)
	/* 'it'\''s': close the quote, an escaped quote, reopen */
	PUT('\'');
	for (const char *c = text; *c; c++) {
		if (*c == '\'') {
			PUT('\'');
			PUT('\\');
			PUT('\'');
		}
		PUT(*c);
	}
	PUT('\'');
#undef PUT
	if (size)
		buffer[needed < size ? needed : size - 1] = '\0';
	return needed;
}

char *acrn_command_line(const char *program, const struct acrn_strings *argv)
{
	size_t total = acrn_shell_quote(NULL, 0, program) + 1;
	for (size_t i = 0; i < argv->count; i++)
		total += acrn_shell_quote(NULL, 0, argv->items[i]) + 1;
	char *line = malloc(total);
	if (!line)
		return NULL;
	size_t at = acrn_shell_quote(line, total, program);
	for (size_t i = 0; i < argv->count; i++) {
		line[at++] = ' ';
		at += acrn_shell_quote(line + at, total - at, argv->items[i]);
	}
	line[at] = '\0';
	return line;
}

void acrn_plan_hash(const char *program, const struct acrn_strings *argv, char text[17])
{
	uint64_t hash = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i <= argv->count; i++) {
		const char *word = i == 0 ? program : argv->items[i - 1];
		/* each word and its NUL: "ab","c" and "a","bc" differ */
		for (const unsigned char *at = (const unsigned char *)word;; at++) {
			hash = (hash ^ *at) * 0x100000001b3ULL;
			if (!*at)
				break;
		}
	}
	snprintf(text, 17, "%016" PRIx64, hash);
}
