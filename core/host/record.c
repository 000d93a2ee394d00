/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The lifecycle record of a launched VM: RUN_DIR/NAME.record, beside the
 * VM's lock.  Flat text, one "KEY VALUE…" line each, every value with '%',
 * spaces and control bytes written as %XX; written whole into a temporary
 * file and renamed over the old one, so a reader never sees half of it;
 * rewritten before and after each host step (the journal).  Read back
 * strictly: an unknown key or a malformed value is an error, and nothing in
 * it is ever run.
 */
#include "host.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER "acrn-launch-record 1"
#define TOKENS_MAX 8

void acrn_launch_record_free(struct acrn_launch_record *record)
{
	free(record->name);
	free(record->program);
	free(record->recipe);
	free(record->target);
	free(record->root);
	acrn_strings_free(&record->argv);
	for (size_t i = 0; i < record->console_count; i++) {
		free(record->consoles[i].backend);
		free(record->consoles[i].name);
		free(record->consoles[i].path);
		free(record->consoles[i].mode);
	}
	free(record->consoles);
	for (size_t i = 0; i < record->drive_count; i++)
		free(record->drives[i].filled);
	free(record->drives);
	free(record->steps);
	*record = (struct acrn_launch_record){0};
}

/* ---- writing -------------------------------------------------------------- */

/* A growing text buffer; `failed` once out of memory. */
struct text {
	char *bytes;
	size_t length, capacity;
	bool failed;
};

static void put(struct text *text, const char *bytes, size_t length)
{
	if (text->failed)
		return;
	if (text->length + length + 1 > text->capacity) {
		size_t capacity = text->capacity ? text->capacity * 2 : 1024;
		while (capacity < text->length + length + 1)
			capacity *= 2;
		char *grown = realloc(text->bytes, capacity);
		if (!grown) {
			text->failed = true;
			return;
		}
		text->bytes = grown;
		text->capacity = capacity;
	}
	memcpy(text->bytes + text->length, bytes, length);
	text->length += length;
	text->bytes[text->length] = '\0';
}

/* One value, escaped; NULL and "" are "-". */
static void put_value(struct text *text, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	put(text, " ", 1);
	if (!value || !*value) {
		put(text, "-", 1);
		return;
	}
	for (const unsigned char *at = (const unsigned char *)value; *at; at++) {
		if (*at <= 0x20 || *at == 0x7f || *at == '%' ||
		    (at == (const unsigned char *)value && *at == '-' && !at[1])) {
			char escaped[3] = {'%', hex[*at >> 4], hex[*at & 15]};
			put(text, escaped, 3);
		} else {
			put(text, (const char *)at, 1);
		}
	}
}

static void put_line(struct text *text, const char *key, const char *const *values, size_t count)
{
	put(text, key, strlen(key));
	for (size_t i = 0; i < count; i++)
		put_value(text, values[i]);
	put(text, "\n", 1);
}

static void put_number(struct text *text, const char *key, long long number)
{
	char digits[32];
	snprintf(digits, sizeof digits, "%lld", number);
	put_line(text, key, (const char *[]){digits}, 1);
}

static const char *const state_names[] = {
	[ACRN_STEP_PLANNED] = "planned",
	[ACRN_STEP_STARTED] = "started",
	[ACRN_STEP_DONE] = "done",
	[ACRN_STEP_UNDONE] = "undone",
};

int acrn_launch_record_format(const struct acrn_launch_record *record, char **bytes, size_t *length)
{
	struct text text = {0};
	char numbers[4][32];
	put(&text, HEADER "\n", sizeof HEADER);
	put_line(&text, "name", (const char *[]){record->name}, 1);
	put_number(&text, "pid", record->pid);
	snprintf(numbers[0], sizeof numbers[0], "%llu", record->start_time);
	put_line(&text, "start-time", (const char *[]){numbers[0]}, 1);
	put_number(&text, "launcher", record->launcher);
	put_number(&text, "started", record->started);
	put_line(&text, "program", (const char *[]){record->program}, 1);
	for (size_t i = 0; i < record->argv.count; i++)
		put_line(&text, "arg", (const char *[]){record->argv.items[i]}, 1);
	put_line(&text, "recipe", (const char *[]){record->recipe}, 1);
	put_line(&text, "target", (const char *[]){record->target}, 1);
	put_line(&text, "root", (const char *[]){record->root}, 1);
	put_line(&text, "hash", (const char *[]){record->hash}, 1);
	if (record->ended_by[0])
		put_line(&text, "ended-by", (const char *[]){record->ended_by}, 1);
	for (size_t i = 0; i < record->console_count; i++) {
		const struct acrn_record_console *c = &record->consoles[i];
		put_line(&text, "console",
			 (const char *[]){c->backend, c->name, c->path, c->mode,
					  c->console ? "1" : "0"},
			 5);
	}
	for (size_t i = 0; i < record->drive_count; i++) {
		const struct acrn_record_drive *d = &record->drives[i];
		snprintf(numbers[0], sizeof numbers[0], "%lld", d->index);
		snprintf(numbers[1], sizeof numbers[1], "%d", d->bus);
		snprintf(numbers[2], sizeof numbers[2], "%d", d->slot);
		snprintf(numbers[3], sizeof numbers[3], "%d", d->func);
		put_line(&text, "drive",
			 (const char *[]){numbers[0], numbers[1], numbers[2], numbers[3],
					  d->filled},
			 5);
	}
	for (size_t i = 0; i < record->step_count; i++) {
		const struct acrn_step *s = &record->steps[i];
		put_line(&text, "step",
			 (const char *[]){acrn_step_name(s->kind), s->object, s->detail,
					  state_names[s->state], s->undo},
			 5);
	}
	if (text.failed) {
		free(text.bytes);
		return -ENOMEM;
	}
	*bytes = text.bytes;
	*length = text.length;
	return 0;
}

/* ---- reading -------------------------------------------------------------- */

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes one value in place ("-" is empty); false when malformed. */
static bool decode(char *value)
{
	char *out = value;
	if (strcmp(value, "-") == 0) {
		*value = '\0';
		return true;
	}
	for (char *at = value; *at; at++) {
		if (*at != '%') {
			*out++ = *at;
			continue;
		}
		int high = hex_digit(at[1]), low = high < 0 ? -1 : hex_digit(at[2]);
		if (low < 0 || (high == 0 && low == 0))
			return false;
		*out++ = (char)(high << 4 | low);
		at += 2;
	}
	*out = '\0';
	return true;
}

static bool number(const char *text, long long min, long long max, long long *value)
{
	char *end;
	errno = 0;
	long long n = strtoll(text, &end, 10);
	if (!*text || *end || errno || n < min || n > max)
		return false;
	*value = n;
	return true;
}

/* A copy of `text`, or NULL for "" (an absent value). */
static char *copy(const char *text, bool *failed)
{
	if (!*text)
		return NULL;
	char *copied = strdup(text);
	*failed = *failed || !copied;
	return copied;
}

/* Reads one line's tokens into `record`; false with `why` when malformed. */
static bool read_line(struct acrn_launch_record *record, char **tokens, size_t count,
		      const char **why, bool *failed)
{
	const char *key = tokens[0];
	long long n;
	for (size_t i = 1; i < count; i++)
		if (!decode(tokens[i])) {
			*why = "a malformed %XX escape";
			return false;
		}
	char *value = count > 1 ? tokens[1] : NULL;
#define ONE(k) (strcmp(key, (k)) == 0 && count == 2)
	if (ONE("name")) {
		free(record->name);
		record->name = copy(value, failed);
	} else if (ONE("pid") && number(value, 1, INT32_MAX, &n)) {
		record->pid = (pid_t)n;
	} else if (ONE("start-time") && number(value, 0, INT64_MAX, &n)) {
		record->start_time = (unsigned long long)n;
	} else if (ONE("launcher") && number(value, 0, INT32_MAX, &n)) {
		record->launcher = (pid_t)n;
	} else if (ONE("started") && number(value, 0, INT64_MAX, &n)) {
		record->started = n;
	} else if (ONE("program")) {
		free(record->program);
		record->program = copy(value, failed);
	} else if (ONE("arg")) {
		*failed = *failed || acrn_strings_add(&record->argv, value) < 0;
	} else if (ONE("recipe")) {
		free(record->recipe);
		record->recipe = copy(value, failed);
	} else if (ONE("target")) {
		free(record->target);
		record->target = copy(value, failed);
	} else if (ONE("root")) {
		free(record->root);
		record->root = copy(value, failed);
	} else if (ONE("hash") && strlen(value) < sizeof record->hash) {
		strcpy(record->hash, value);
	} else if (ONE("ended-by") && strlen(value) < sizeof record->ended_by) {
		strcpy(record->ended_by, value);
	} else if (strcmp(key, "console") == 0 && count == 6 &&
		   (strcmp(tokens[5], "0") == 0 || strcmp(tokens[5], "1") == 0)) {
		struct acrn_record_console *grown =
			realloc(record->consoles, (record->console_count + 1) * sizeof *grown);
		if (!grown) {
			*failed = true;
			return true;
		}
		record->consoles = grown;
		grown[record->console_count++] =
			(struct acrn_record_console){copy(tokens[1], failed),
						     copy(tokens[2], failed),
						     copy(tokens[3], failed),
						     copy(tokens[4], failed), tokens[5][0] == '1'};
	} else if (strcmp(key, "drive") == 0 && count == 6) {
		long long index, bus, slot, func;
		if (!number(tokens[1], 0, INT32_MAX, &index) ||
		    !number(tokens[2], 0, ACRN_BUS_MAX, &bus) ||
		    !number(tokens[3], 0, ACRN_SLOT_MAX, &slot) ||
		    !number(tokens[4], 0, ACRN_FUNC_MAX, &func)) {
			*why = "a drive with bad numbers";
			return false;
		}
		struct acrn_record_drive *grown =
			realloc(record->drives, (record->drive_count + 1) * sizeof *grown);
		if (!grown) {
			*failed = true;
			return true;
		}
		record->drives = grown;
		grown[record->drive_count++] = (struct acrn_record_drive){index, (int)bus,
									  (int)slot, (int)func,
									  copy(tokens[5], failed)};
	} else if (strcmp(key, "step") == 0 && count == 6) {
		int kind = acrn_step_kind_find(tokens[1]), state = -1;
		for (size_t s = 0; s < sizeof state_names / sizeof state_names[0]; s++)
			if (strcmp(tokens[4], state_names[s]) == 0)
				state = (int)s;
		struct acrn_step step = {.kind = (enum acrn_step_kind)kind,
					 .state = (enum acrn_step_state)state};
		if (kind < 0 || state < 0 || !tokens[2][0] ||
		    strlen(tokens[2]) >= sizeof step.object ||
		    strlen(tokens[3]) >= sizeof step.detail ||
		    strlen(tokens[5]) >= sizeof step.undo) {
			*why = "a malformed step";
			return false;
		}
		strcpy(step.object, tokens[2]);
		strcpy(step.detail, tokens[3]);
		strcpy(step.undo, tokens[5]);
		struct acrn_step *grown = realloc(record->steps,
						  (record->step_count + 1) * sizeof *grown);
		if (!grown) {
			*failed = true;
			return true;
		}
		record->steps = grown;
		grown[record->step_count++] = step;
	} else {
		*why = "an unknown or malformed line";
		return false;
	}
#undef ONE
	return true;
}

int acrn_launch_record_parse(const char *bytes, size_t length, struct acrn_launch_record *record,
			     struct acrn_error *error)
{
	*record = (struct acrn_launch_record){0};
	if (memchr(bytes, '\0', length))
		return acrn_fail(error, 0, "the record holds a NUL byte");
	if (length < sizeof HEADER || memcmp(bytes, HEADER "\n", sizeof HEADER) != 0)
		return acrn_fail(error, 0, "the record does not start with \"" HEADER "\"");
	char *copied = malloc(length + 1);
	if (!copied)
		return -ENOMEM;
	memcpy(copied, bytes, length);
	copied[length] = '\0';
	bool failed = false;
	const char *why = NULL;
	size_t line_number = 1;
	char *line = copied + sizeof HEADER;
	while (*line && !why && !failed) {
		char *end = strchr(line, '\n');
		line_number++;
		if (!end) {
			why = "a last line without its newline";
			break;
		}
		*end = '\0';
		char *tokens[TOKENS_MAX];
		size_t count = 0;
		for (char *token = line; token && count < TOKENS_MAX; count++) {
			tokens[count] = token;
			token = strchr(token, ' ');
			if (token)
				*token++ = '\0';
		}
		if (count == TOKENS_MAX || count < 2)
			why = "a line with too few or too many values";
		else
			read_line(record, tokens, count, &why, &failed);
		line = end + 1;
	}
	free(copied);
	if (!why && !failed && (!record->name || record->pid <= 0 || !record->program))
		why = "no name, pid or program";
	if (why || failed) {
		acrn_launch_record_free(record);
		if (failed)
			return -ENOMEM;
		return acrn_fail(error, 0, "the record is malformed at line %zu: %s", line_number,
				 why);
	}
	return 0;
}

/* ---- the file ------------------------------------------------------------- */

int acrn_launch_record_write(const char *directory, const struct acrn_launch_record *record,
			     struct acrn_error *error)
{
	char path[ACRN_PATH_MAX], temporary[ACRN_PATH_MAX], *bytes;
	size_t length;
	int rc = acrn_launch_record_format(record, &bytes, &length);
	if (rc < 0)
		return acrn_fail(error, 0, "cannot write the record of %s: out of memory",
				 record->name);
	snprintf(path, sizeof path, "%s/%s.record", directory, record->name);
	snprintf(temporary, sizeof temporary, "%s/.%s.record.%ld", directory, record->name,
		 (long)getpid());
	unlink(temporary);
	int fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = -errno;
		free(bytes);
		acrn_fail(error, 0, "cannot write %s: %s", temporary, strerror(-rc));
		return rc;
	}
	size_t done = 0;
	while (done < length) {
		ssize_t n = write(fd, bytes + done, length - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			break;
		}
		done += (size_t)n;
	}
	free(bytes);
	if (rc == 0 && fsync(fd) < 0)
		rc = -errno;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(temporary, path) < 0)
		rc = -errno;
	if (rc < 0) {
		unlink(temporary);
		acrn_fail(error, 0, "cannot write %s: %s", path, strerror(-rc));
	}
	return rc;
}

int acrn_launch_record_read(const char *directory, const char *name,
			    struct acrn_launch_record *record, struct acrn_error *error)
{
	char path[ACRN_PATH_MAX], bytes[256 * 1024];
	snprintf(path, sizeof path, "%s/%s.record", directory, name);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		int rc = -errno;
		acrn_fail(error, 0, "cannot read %s: %s", path, strerror(-rc));
		return rc;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return acrn_fail(error, 0, "%s is not a regular file", path);
	}
	if (st.st_uid != geteuid()) { /* its steps are undone as this user */
		close(fd);
		return acrn_fail(error, 0,
				 "%s is owned by uid %u, not by this user: not a record "
				 "to believe",
				 path, (unsigned)st.st_uid);
	}
	ssize_t length = read(fd, bytes, sizeof bytes);
	int rc = length < 0 ? -errno : 0;
	close(fd);
	if (rc < 0) {
		acrn_fail(error, 0, "cannot read %s: %s", path, strerror(-rc));
		return rc;
	}
	if ((size_t)length == sizeof bytes)
		return acrn_fail(error, 0, "%s is larger than a record can be", path);
	rc = acrn_launch_record_parse(bytes, (size_t)length, record, error);
	if (rc == -EINVAL) {
		char inner[ACRN_ERROR_MAX];
		snprintf(inner, sizeof inner, "%s", error->message);
		acrn_fail(error, 0, "%s: %s", path, inner);
	}
	if (rc == 0 && strcmp(record->name, name) != 0) {
		acrn_fail(error, 0, "%s holds the record of %s", path, record->name);
		acrn_launch_record_free(record);
		return -EINVAL;
	}
	return rc;
}

int acrn_launch_record_remove(const char *directory, const char *name)
{
	char path[ACRN_PATH_MAX];
	snprintf(path, sizeof path, "%s/%s.record", directory, name);
	return unlink(path) < 0 && errno != ENOENT ? -errno : 0;
}
