/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The engine's scanning as Lua functions: acrn-dm's words back into
 * constructors and fields as a recipe writes them.  The values a scan makes
 * live in an arena owned by a userdata, so an error that unwinds leaks
 * nothing.
 */
#include "binding.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#define ARENA_KEY "acrn.scan_arena" /* metatable of a scan's arena */

static int arena_gc(lua_State *L)
{
	acrn_arena_free(luaL_checkudata(L, 1, ARENA_KEY));
	return 0;
}

/* Pushes a fresh arena (freed when collected) and returns it. */
static struct acrn_arena *push_arena(lua_State *L)
{
	struct acrn_arena *arena = lua_newuserdatauv(L, sizeof *arena, 0); /* arena */
	*arena = (struct acrn_arena){0};
	luaL_setmetatable(L, ARENA_KEY);
	return arena;
}

/* Pushes nil, the error's message and what it is: "unknown" (the catalogue
 * does not know it) or "refused" (acrn-dm refuses it). */
static int push_failure(lua_State *L, int rc, const struct acrn_error *error)
{
	if (rc == -ENOMEM)
		return luaL_error(L, "out of memory");
	lua_pushnil(L);
	lua_pushstring(L, error->message);
	lua_pushstring(L, rc == -ENOENT ? "unknown" : "refused");
	return 3;
}

static void push_value(lua_State *L, const struct acrn_field *field,
		       const struct acrn_value *value);

/* Pushes one table of `field`'s record: its set fields by name, or the
 * value of the shorthand field alone when only it is set. */
static void push_record(lua_State *L, const struct acrn_field *field,
			const struct acrn_value *items)
{
	const struct acrn_record *record = field->record;
	size_t set = 0;
	int shorthand = field->shorthand ? acrn_record_find(record, field->shorthand) : -1;
	for (size_t f = 0; f < record->count; f++)
		set += items[f].set;
	if (shorthand >= 0 && set == 1 && items[shorthand].set) {
		push_value(L, &record->fields[shorthand], &items[shorthand]); /* value */
		return;
	}
	lua_createtable(L, 0, (int)set); /* table */
	for (size_t f = 0; f < record->count; f++) {
		if (!items[f].set)
			continue;
		push_value(L, &record->fields[f], &items[f]); /* table value */
		lua_setfield(L, -2, record->fields[f].name);  /* table */
	}
}

/* Pushes a scanned value as a recipe writes it. */
static void push_value(lua_State *L, const struct acrn_field *field, const struct acrn_value *value)
{
	luaL_checkstack(L, 4, "value too deep");
	if (field->flag_ok && value->flag && !value->text && !value->items) {
		lua_pushboolean(L, 1);
		return;
	}
	switch (field->type) {
	case ACRN_TYPE_BOOL:
		lua_pushboolean(L, value->flag);
		return;
	case ACRN_TYPE_INTEGER:
		lua_pushinteger(L, (lua_Integer)value->number);
		return;
	case ACRN_TYPE_LIST:
	case ACRN_TYPE_RECORDS:
		lua_createtable(L, (int)value->count, 0); /* list */
		for (size_t i = 0; i < value->count; i++) {
			if (field->type == ACRN_TYPE_LIST)
				push_value(L, field->element, &value->items[i]); /* list item */
			else
				push_record(L, field, acrn_record_items(field, value, i));
			lua_rawseti(L, -2, (lua_Integer)i + 1); /* list */
		}
		return;
	case ACRN_TYPE_RECORD:
		push_record(L, field, value->items);
		return;
	case ACRN_TYPE_MEMORY:
		if (!value->text) {
			lua_pushinteger(L, (lua_Integer)value->number);
			return;
		}
		/* fall through */
	default:
		lua_pushlstring(L, value->text ? value->text : "", value->length);
	}
}

/* Pushes the set fields of a device as a table. */
static void push_fields(lua_State *L, const struct acrn_device *device)
{
	const struct acrn_emulation *emulation = device->emulation;
	lua_newtable(L); /* fields */
	for (size_t f = 0; f < emulation->field_count; f++) {
		if (!device->values[f].set)
			continue;
		push_value(L, &emulation->fields[f], &device->values[f]); /* fields value */
		lua_setfield(L, -2, emulation->fields[f].name);           /* fields */
	}
}

/* core.scan_slot(text) -> bus, slot, func, junk (true when acrn-dm ignores
 * text after the numbers), or nil, why. */
static int core_scan_slot(lua_State *L)
{
	const char *text = luaL_checkstring(L, 1);
	struct acrn_error error;
	int bus, slot, func;
	bool junk;
	if (acrn_scan_slot(text, &bus, &slot, &func, &junk, &error) < 0) {
		lua_pushnil(L);
		lua_pushstring(L, error.message);
		return 2;
	}
	lua_pushinteger(L, bus);
	lua_pushinteger(L, slot);
	lua_pushinteger(L, func);
	lua_pushboolean(L, junk);
	return 4;
}

/* core.scan_device(target, text) -> constructor, fields for "-s SLOT,"'s
 * rest ("virtio-blk,/img,ro"), or nil, why, "unknown"|"refused". */
static int core_scan_device(lua_State *L)
{
	const struct acrn_target *target = check_target(L, 1, "");
	const char *text = luaL_checkstring(L, 2);
	struct acrn_arena *arena = push_arena(L); /* arena */
	struct acrn_device device;
	struct acrn_error error;
	int rc = acrn_scan_device(target, text, &device, arena, &error);
	if (rc < 0)
		return push_failure(L, rc, &error);
	lua_pushstring(L, device.emulation->constructor); /* arena constructor */
	push_fields(L, &device);                          /* arena constructor fields */
	return 2;
}

/* core.scan_option(target, name, text) -> the value of VM field `name`
 * read from its option's text (nil text: given without one), or nil, why,
 * "unknown"|"refused". */
static int core_scan_option(lua_State *L)
{
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	const struct acrn_target *target = check_target(L, 1, "");
	const char *name = luaL_checkstring(L, 2);
	const char *text = luaL_optstring(L, 3, NULL);
	int option = acrn_option_find(name);
	luaL_argcheck(L, option >= 0, 2, "not an option of the catalogue");
	struct acrn_arena *arena = push_arena(L); /* arena */
	struct acrn_value value;
	struct acrn_error error;
	int rc = acrn_scan_option(target, (size_t)option, text, &value, arena, &error);
	if (rc < 0)
		return push_failure(L, rc, &error);
	push_value(L, &options[option].field, &value); /* arena value */
	return 1;
}

/* core.scan_device_option(target, key, text) -> constructor, field, value
 * for an option that belongs to a device (-l "com1,stdio", -G "64 448 8"),
 * or nil, why, "unknown"|"refused". */
static int core_scan_device_option(lua_State *L)
{
	const struct acrn_target *target = check_target(L, 1, "");
	const char *key = luaL_checkstring(L, 2);
	const char *text = luaL_checkstring(L, 3);
	struct acrn_arena *arena = push_arena(L); /* arena */
	const struct acrn_emulation *emulation;
	size_t field;
	struct acrn_value value;
	struct acrn_error error;
	int rc = acrn_scan_device_option(target, key, text, &emulation, &field, &value, arena,
					 &error);
	if (rc < 0)
		return push_failure(L, rc, &error);
	lua_pushstring(L, emulation->constructor);        /* arena constructor */
	lua_pushstring(L, emulation->fields[field].name); /* ... field */
	push_value(L, &emulation->fields[field], &value); /* ... value */
	return 3;
}

/* core.scan_argv(target|nil, words) -> a list of what acrn-dm reads in
 * `words` (its arguments, without the program): { kind = "option" |
 * "device" | "device_option" | "prints" | "name" | "unknown", option (the VM
 * field), key, value, releases = { since, removed, ignored }, first, count
 * (the words taken, from 1) }; or nil, why for what acrn-dm refuses. */
static int core_scan_argv(lua_State *L)
{
	static const char *const kinds[] = {
		[ACRN_WORD_OPTION] = "option",
		[ACRN_WORD_DEVICE] = "device",
		[ACRN_WORD_DEVICE_OPTION] = "device_option",
		[ACRN_WORD_PRINTS] = "prints",
		[ACRN_WORD_NAME] = "name",
		[ACRN_WORD_UNKNOWN] = "unknown",
	};
	size_t option_count, command_count;
	const struct acrn_option *options = acrn_options(&option_count);
	const struct acrn_command_option *commands = acrn_command_options(&command_count);
	const struct acrn_target *target = lua_isnoneornil(L, 1) ? NULL : check_target(L, 1, "");
	luaL_checktype(L, 2, LUA_TTABLE);
	lua_settop(L, 2);
	size_t count = lua_rawlen(L, 2);
	const char **argv = lua_newuserdatauv(L, (count ? count : 1) * sizeof *argv, 0);
	for (size_t i = 0; i < count; i++) { /* words argv */
		if (lua_rawgeti(L, 2, (lua_Integer)i + 1) != LUA_TSTRING)
			return luaL_error(L, "scan_argv: word %d is not a string", (int)i + 1);
		argv[i] = lua_tostring(L, -1); /* the words table keeps it */
		lua_pop(L, 1);
	}
	struct acrn_words words;
	struct acrn_error error;
	int rc = acrn_scan_argv(target, argv, count, &words, &error);
	/* into memory Lua owns before anything may raise */
	struct acrn_word *items = lua_newuserdatauv(L,
						    (words.count ? words.count : 1) * sizeof *items,
						    0); /* words argv items */
	size_t word_count = words.count;
	if (words.count)
		memcpy(items, words.items, words.count * sizeof *items);
	acrn_words_free(&words);
	if (rc == -ENOMEM)
		return luaL_error(L, "out of memory");
	if (rc < 0) {
		lua_pushnil(L);
		lua_pushstring(L, error.message);
		return 2;
	}
	lua_createtable(L, (int)word_count, 0); /* ... list */
	for (size_t i = 0; i < word_count; i++) {
		const struct acrn_word *word = &items[i];
		lua_createtable(L, 0, 8); /* ... list entry */
		set_string(L, "kind", kinds[word->kind]);
		if (word->option >= 0) {
			set_string(L, "option", options[word->option].field.name);
		}
		if (word->key) {
			set_string(L, "key", word->key);
		}
		if (word->value) {
			set_string(L, "value", word->value);
		}
		if (word->field) {
			set_string(L, "field", word->field->name);
			set_string(L, "type", field_type_name(word->field->type));
		}
		for (size_t c = 0; word->kind == ACRN_WORD_PRINTS && c < command_count; c++)
			if (strcmp(commands[c].key, word->key) == 0) {
				set_string(L, "doc", commands[c].doc);
			}
		lua_createtable(L, 0, 3); /* ... entry releases */
		lua_pushinteger(L, word->releases.since);
		lua_setfield(L, -2, "since");
		lua_pushinteger(L, word->releases.removed);
		lua_setfield(L, -2, "removed");
		lua_pushinteger(L, word->releases.ignored);
		lua_setfield(L, -2, "ignored");
		lua_setfield(L, -2, "releases"); /* ... entry */
		lua_pushinteger(L, (lua_Integer)word->first + 1);
		lua_setfield(L, -2, "first");
		lua_pushinteger(L, (lua_Integer)word->count);
		lua_setfield(L, -2, "count");
		lua_rawseti(L, -2, (lua_Integer)i + 1); /* ... list */
	}
	return 1;
}

/* core.read_text(path, max) -> the text of the regular file at `path`, at
 * most `max` bytes; or nil, why (a directory, a FIFO, a device, too large,
 * unreadable) and errno. */
static int core_read_text(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	lua_Integer max = luaL_checkinteger(L, 2);
	struct acrn_error error;
	char *text;
	size_t length;
	luaL_argcheck(L, max > 0, 2, "must be positive");
	int rc = acrn_read_text_file(path, (size_t)max, &text, &length, &error);
	if (rc < 0) {
		return push_error(L, rc, &error);
	}
	/* copied into Lua, then freed: pushing may raise only for memory */
	luaL_Buffer buffer;
	luaL_buffinit(L, &buffer);
	luaL_addlstring(&buffer, text, length);
	free(text);
	luaL_pushresult(&buffer);
	return 1;
}

static const luaL_Reg scan_functions[] = {
	{"read_text", core_read_text},
	{"scan_slot", core_scan_slot},
	{"scan_device", core_scan_device},
	{"scan_option", core_scan_option},
	{"scan_device_option", core_scan_device_option},
	{"scan_argv", core_scan_argv},
	{NULL, NULL},
};

void scan_open(lua_State *L)
{
	luaL_newmetatable(L, ARENA_KEY); /* core mt */
	lua_pushcfunction(L, arena_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1); /* core */
	luaL_setfuncs(L, scan_functions, 0);
}
