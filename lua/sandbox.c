/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The process boundary of the sandbox (doc/security.md): core.confined
 * runs a Lua function in a child process confined by the host toolkit
 * (confine.c) and returns the string it answered; core.sandbox_decode
 * reads such an answer back, strictly, into plain Lua values.  The answer
 * is data, never code:
 *
 *   answer = "acrn-sandbox 1\n" value "\n"
 *   value  = "T" | "F"                       booleans
 *          | "i" INTEGER ";"                 "0", or [-]? [1-9][0-9]*, in range
 *          | "n" FLOAT ";"                   C99 %a (hex) form, inf or nan
 *          | "s" LENGTH ":" BYTES            LENGTH bytes, any of them
 *          | "{" (key value)* "}"            key: an integer or a string, once
 *          | "@" NAME ":" value              makers[NAME](value): a device, …
 *
 * Tables nest at most DEPTH_MAX deep; nothing is read past the end.
 */
#include "binding.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lauxlib.h>

#define HEADER "acrn-sandbox 1\n"
#define DEPTH_MAX 48
#define CONFINED_KEY "acrn.confined" /* in the child: the answer's descriptor */
#define CONFINE_FAILED 125           /* the child's status when it could not confine itself */
#define EVALUATION_FAILED 124        /* … when its function raised */

/* ---------------------------------------------------------------------------
 * The child
 */

static void write_all(int fd, const char *bytes, size_t length)
{
	while (length > 0) {
		ssize_t n = write(fd, bytes, length);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		bytes += n;
		length -= (size_t)n;
	}
}

/* The child's life: confined, it calls the function at index 1, sends
 * the string it returns and ends, without running anything of the
 * parent's (no atexit, no finalizers, no buffers flushed twice). */
static _Noreturn void child(lua_State *L, const struct acrn_confinement *confinement)
{
	struct acrn_error error;
	int fd = acrn_confine_resources(confinement, &error);
	if (fd < 0) {
		write_all(confinement->result_fd, error.message, strlen(error.message));
		_exit(CONFINE_FAILED);
	}
	lua_pushinteger(L, fd);                                                /* fn fd */
	lua_setfield(L, LUA_REGISTRYINDEX, CONFINED_KEY);                      /* fn */
	lua_pushvalue(L, 1);                                                   /* fn fn */
	if (lua_pcall(L, 0, 1, 0) != LUA_OK || lua_type(L, -1) != LUA_TSTRING) /* fn answer */
		_exit(EVALUATION_FAILED);
	size_t length;
	const char *answer = lua_tolstring(L, -1, &length);
	write_all(fd, answer, length);
	_exit(0);
}

/* Reads an optional positive integer field of the table at 2. */
static lua_Integer limit_field(lua_State *L, const char *name, lua_Integer fallback)
{
	lua_getfield(L, 2, name); /* value */
	lua_Integer value = luaL_optinteger(L, -1, fallback);
	lua_pop(L, 1);
	if (value <= 0)
		luaL_error(L, "confined: %s must be positive", name);
	return value;
}

/* core.confined(fn, { cpu_seconds, memory, max_bytes, timeout_seconds })
 * -> true, answer; or nil, how, detail: fn() runs in a confined child
 * process and returns a string, the answer.  how: "signal" (detail: its
 * number), "exit" (detail: the status; the child could not confine itself
 * or fn raised), "refused" (detail: what the parent refused: too much,
 * too long). */
static int core_confined(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TFUNCTION);
	luaL_checktype(L, 2, LUA_TTABLE);
	lua_settop(L, 2);
	lua_Integer cpu = limit_field(L, "cpu_seconds", 10);
	lua_Integer memory = limit_field(L, "memory", 64 << 20);
	lua_Integer max = limit_field(L, "max_bytes", 16 << 20);
	lua_Integer timeout = limit_field(L, "timeout_seconds", 2 * cpu + 10);
	luaL_argcheck(L, cpu <= 3600 && timeout <= 7200, 2, "limits out of range");
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0)
		return luaL_error(L, "confined: cannot make a pipe: %s", strerror(errno));
	fflush(NULL); /* nothing buffered is written twice */
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		int saved = errno;
		close(fds[0]);
		close(fds[1]);
		return luaL_error(L, "confined: cannot start a process: %s", strerror(saved));
	}
	if (pid == 0) {
		close(fds[0]);
		struct acrn_confinement confinement = {(unsigned)cpu, (size_t)memory, fds[1],
						       parent};
		child(L, &confinement);
	}
	close(fds[1]);
	char *answer;
	size_t length;
	int status = 0;
	struct acrn_error error;
	int rc = acrn_confined_collect(pid, fds[0], (size_t)max, (int)timeout * 1000, &answer,
				       &length, &status, &error);
	close(fds[0]);
	if (rc < 0) {
		lua_pushnil(L);
		lua_pushliteral(L, "refused");
		lua_pushstring(L, error.message);
		return 3;
	}
	if (WIFSIGNALED(status) || WEXITSTATUS(status) != 0) {
		lua_pushnil(L);
		lua_pushstring(L, WIFSIGNALED(status) ? "signal" : "exit");
		lua_pushinteger(L, WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		lua_pushlstring(L, answer ? answer : "", length);
		free(answer);
		return 4;
	}
	lua_pushboolean(L, 1);         /* true */
	push_owned(L, answer, length); /* true answer */
	return 2;
}

/* core.confine_syscalls(): in the child only, once the recipe is
 * compiled: the system call filter (and no root) from now on. */
static int core_confine_syscalls(lua_State *L)
{
	struct acrn_error error;
	if (lua_getfield(L, LUA_REGISTRYINDEX, CONFINED_KEY) != LUA_TNUMBER)
		return luaL_error(L, "confine_syscalls: only in the sandbox's child");
	if (acrn_confine_syscalls((int)lua_tointeger(L, -1), &error) < 0)
		return luaL_error(L, "%s", error.message);
	return 0;
}

/* core.confines_address_space() -> whether this build limits the child's
 * address space (not when built with AddressSanitizer). */
static int core_confines_address_space(lua_State *L)
{
	lua_pushboolean(L, acrn_confine_limits_address_space());
	return 1;
}

/* ---------------------------------------------------------------------------
 * Reading a recipe
 */

/* core.read_recipe(path, max_bytes) -> its text, with a first line that
 * starts with '#' blanked (as lua does), or nil and why: only a regular
 * file of at most `max_bytes` is read (never a FIFO or a device that could
 * block the launcher). */
static int core_read_recipe(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	lua_Integer max = luaL_checkinteger(L, 2);
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		lua_pushnil(L);
		lua_pushfstring(L, "cannot open %s: %s", path, strerror(errno));
		return 2;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		const char *kind = S_ISFIFO(st.st_mode)   ? "a FIFO"
				   : S_ISDIR(st.st_mode)  ? "a directory"
				   : S_ISCHR(st.st_mode)  ? "a character device"
				   : S_ISSOCK(st.st_mode) ? "a socket"
							  : "not a regular file";
		close(fd);
		lua_pushnil(L);
		lua_pushfstring(L, "%s is %s: a recipe is a regular file", path, kind);
		return 2;
	}
	if (st.st_size > max) {
		close(fd);
		lua_pushnil(L);
		lua_pushfstring(L, "%s is %I bytes: a recipe may have at most %I", path,
				(lua_Integer)st.st_size, max);
		return 2;
	}
	size_t capacity = (size_t)st.st_size + 1, length = 0;
	char *text = malloc(capacity);
	ssize_t n = 0;
	while (text && length < capacity &&
	       ((n = read(fd, text + length, capacity - length)) > 0 || (n < 0 && errno == EINTR)))
		length += n > 0 ? (size_t)n : 0;
	int saved = errno;
	close(fd);
	if (!text || n < 0 || length == capacity) {
		free(text);
		lua_pushnil(L);
		lua_pushfstring(L, "cannot read %s: %s", path,
				!text   ? strerror(ENOMEM)
				: n < 0 ? strerror(saved)
					: "it grew while it was read");
		return 2;
	}
	size_t start = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if (start < length && text[start] == '#') /* keep its newline: lines stay */
		while (start < length && text[start] != '\n')
			start++;
	memmove(text, text + start, length - start);
	push_owned(L, text, length - start); /* text */
	return 1;
}

/* ---------------------------------------------------------------------------
 * The answer, read back
 */

struct reader {
	const char *start, *at, *end;
	int makers; /* stack index of the makers table */
	char why[160];
};

static bool malformed(struct reader *reader, const char *what)
{
	snprintf(reader->why, sizeof reader->why, "byte %td: %s", reader->at - reader->start, what);
	return false;
}

/* Reads [-]digits up to `terminator` as a lua_Integer (no leading zeros,
 * no "-0"). */
static bool read_digits(struct reader *reader, char terminator, bool sign, lua_Integer *number)
{
	bool negative = sign && reader->at < reader->end && *reader->at == '-';
	if (negative)
		reader->at++;
	const char *first = reader->at;
	unsigned long long value = 0,
			   bound = negative ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	while (reader->at < reader->end && *reader->at >= '0' && *reader->at <= '9') {
		unsigned digit = (unsigned)(*reader->at - '0');
		if (value > (bound - digit) / 10)
			return malformed(reader, "a number out of range");
		value = value * 10 + digit;
		reader->at++;
	}
	size_t count = (size_t)(reader->at - first);
	if (count == 0 || (count > 1 && *first == '0') || (negative && value == 0))
		return malformed(reader, "a malformed number");
	if (reader->at == reader->end || *reader->at != terminator)
		return malformed(reader, "a number without its terminator");
	reader->at++;
	*number = negative ? (lua_Integer)(0 - value) : (lua_Integer)value;
	return true;
}

/* Whether `text` is what C's %a writes for a double: [-]0xH[.H*]p[+-]D,
 * or [-]inf, [-]nan. */
static bool hex_float_form(const char *text)
{
	if (*text == '-')
		text++;
	if (strcmp(text, "inf") == 0 || strcmp(text, "nan") == 0)
		return true;
	if (strncmp(text, "0x", 2) != 0 || !isxdigit((unsigned char)text[2]))
		return false;
	text += 2;
	while (isxdigit((unsigned char)*text))
		text++;
	if (*text == '.')
		while (isxdigit((unsigned char)*++text))
			;
	if (*text++ != 'p' || (*text != '+' && *text != '-') || !isdigit((unsigned char)text[1]))
		return false;
	text++;
	while (isdigit((unsigned char)*text))
		text++;
	return *text == '\0';
}

static bool read_float(struct reader *reader, lua_Number *number)
{
	char text[64];
	size_t length = 0;
	while (reader->at < reader->end && *reader->at != ';') {
		if (length == sizeof text - 1)
			return malformed(reader, "a malformed float");
		text[length++] = *reader->at++;
	}
	text[length] = '\0';
	if (reader->at == reader->end)
		return malformed(reader, "a float without its terminator");
	char *end;
	if (!hex_float_form(text))
		return malformed(reader, "a malformed float");
	*number = (lua_Number)strtod(text, &end);
	if (*end != '\0')
		return malformed(reader, "a malformed float");
	reader->at++;
	return true;
}

static bool decode_value(lua_State *L, struct reader *reader, int depth);

/* The maker's name after '@', up to ':'. */
static bool read_name(struct reader *reader, char *name, size_t size)
{
	size_t length = 0;
	while (reader->at < reader->end && *reader->at != ':') {
		char c = *reader->at;
		if (length == size - 1 || !((c >= 'a' && c <= 'z') || c == '_'))
			return malformed(reader, "a malformed maker's name");
		name[length++] = c;
		reader->at++;
	}
	if (reader->at == reader->end || length == 0)
		return malformed(reader, "a maker's name without ':'");
	name[length] = '\0';
	reader->at++;
	return true;
}

static bool read_table(lua_State *L, struct reader *reader, int depth)
{
	lua_newtable(L); /* table */
	for (;;) {
		if (reader->at == reader->end)
			return malformed(reader, "a table without its end");
		if (*reader->at == '}') {
			reader->at++;
			return true;
		}
		if (*reader->at != 'i' && *reader->at != 's')
			return malformed(reader, "a key that is neither an integer nor a string");
		const char *key_at = reader->at;
		if (!decode_value(L, reader, depth + 1)) /* table key */
			return false;
		lua_pushvalue(L, -1); /* table key key */
		if (lua_rawget(L, -3) != LUA_TNIL) {
			reader->at = key_at;
			return malformed(reader, "a key given twice");
		}
		lua_pop(L, 1);                           /* table key */
		if (!decode_value(L, reader, depth + 1)) /* table key value */
			return false;
		lua_rawset(L, -3); /* table */
	}
}

/* Reads one value and pushes it; false (the stack as it may be) with
 * reader->why when the bytes are not a value. */
static bool decode_value(lua_State *L, struct reader *reader, int depth)
{
	if (depth > DEPTH_MAX)
		return malformed(reader, "values nested too deep");
	luaL_checkstack(L, 4, "sandbox answer");
	if (reader->at == reader->end)
		return malformed(reader, "a value missing");
	char kind = *reader->at++;
	lua_Integer integer;
	lua_Number number;
	char name[17];
	switch (kind) {
	case 'T':
	case 'F':
		lua_pushboolean(L, kind == 'T');
		return true;
	case 'i':
		if (!read_digits(reader, ';', true, &integer))
			return false;
		lua_pushinteger(L, integer);
		return true;
	case 'n':
		if (!read_float(reader, &number))
			return false;
		lua_pushnumber(L, number);
		return true;
	case 's':
		if (!read_digits(reader, ':', false, &integer))
			return false;
		if ((size_t)integer > (size_t)(reader->end - reader->at))
			return malformed(reader, "a string longer than what is left");
		lua_pushlstring(L, reader->at, (size_t)integer);
		reader->at += integer;
		return true;
	case '{':
		return read_table(L, reader, depth);
	case '@':
		if (!read_name(reader, name, sizeof name))
			return false;
		lua_pushstring(L, name);                            /* name */
		if (lua_rawget(L, reader->makers) != LUA_TFUNCTION) /* maker */
			return malformed(reader, "an unknown maker");
		if (!decode_value(L, reader, depth + 1)) /* maker value */
			return false;
		lua_call(L, 1, 1); /* made */
		return true;
	default:
		reader->at--;
		return malformed(reader, "not a value");
	}
}

/* core.sandbox_decode(answer, makers) -> the value, or nil and why.  The
 * makers (a table of functions) turn "@NAME:" values into what they stand
 * for; what they raise is raised. */
static int core_sandbox_decode(lua_State *L)
{
	size_t length;
	const char *bytes = luaL_checklstring(L, 1, &length);
	luaL_checktype(L, 2, LUA_TTABLE);
	lua_settop(L, 2);
	struct reader reader = {bytes, bytes, bytes + length, 2, ""};
	if (length < sizeof HEADER - 1 || memcmp(bytes, HEADER, sizeof HEADER - 1) != 0) {
		malformed(&reader, "no \"acrn-sandbox 1\" header");
	} else {
		reader.at += sizeof HEADER - 1;
		if (decode_value(L, &reader, 0)) {
			if (reader.end - reader.at == 1 && *reader.at == '\n')
				return 1;
			malformed(&reader, "more after the value");
		}
	}
	lua_pushnil(L);
	lua_pushfstring(L, "a malformed answer from the sandbox (%s)", reader.why);
	return 2;
}

static const luaL_Reg sandbox_functions[] = {
	{"confined", core_confined},
	{"confine_syscalls", core_confine_syscalls},
	{"confines_address_space", core_confines_address_space},
	{"read_recipe", core_read_recipe},
	{"sandbox_decode", core_sandbox_decode},
	{NULL, NULL},
};

void sandbox_open(lua_State *L)
{
	luaL_setfuncs(L, sandbox_functions, 0);
}
