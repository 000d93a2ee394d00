/* SPDX-License-Identifier: Apache-2.0 */
/* Owned vectors of strings (an argv, warnings) and their shell-quoted form. */
#include "internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
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

int acrn_strings_addf(struct acrn_strings *strings, const char *format, ...)
{
	va_list args;
	char *copy;
	va_start(args, format);
	int length = vasprintf(&copy, format, args);
	va_end(args);
	if (length < 0)
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

/* Characters a POSIX shell reads literally anywhere in a word. */
static bool shell_safe(const char *text)
{
	if (!*text)
		return false;
	for (const char *c = text; *c; c++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789_@%+=:,./-",
			    *c))
			return false;
	return true;
}

size_t acrn_shell_quote(char *buffer, size_t size, const char *text)
{
	size_t needed = 0;
#define PUT(ch)                                \
	do {                                   \
		if (needed + 1 < size)         \
			buffer[needed] = (ch); \
		needed++;                      \
	} while (0)
	if (shell_safe(text)) {
		for (const char *c = text; *c; c++)
			PUT(*c);
	} else {
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
	}
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
