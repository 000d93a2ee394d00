/* SPDX-License-Identifier: Apache-2.0 */
/*
 * acrn.core: the C core as a Lua module (with spec.c, which reads Lua
 * values into the core's structures; the Lua C API stays in lua/).
 * Devices are plain tables tagged with a
 * per-emulation metatable; a spec table goes into build() and a plan table
 * comes out.  Misuse raises an error that carries the recipe's file:line;
 * the environment failing returns nil, message, errno.
 */
#include "binding.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>


/* ---------------------------------------------------------------------------
 * Where in the recipe: the first Lua frame outside acrn's own modules
 */

/* Pushes "file:line: " of the innermost frame that is neither C nor one of
 * acrn's own modules, or "" when there is none. */
static void push_where(lua_State *L)
{
	lua_Debug ar;
	lua_getfield(L, LUA_REGISTRYINDEX, INTERNAL_KEY); /* internal */
	for (int level = 1; lua_getstack(L, level, &ar); level++) {
		lua_getinfo(L, "Sl", &ar);
		if (ar.currentline <= 0)
			continue;
		lua_getfield(L, -1, ar.source); /* internal is_internal */
		int internal = lua_toboolean(L, -1);
		lua_pop(L, 1); /* internal */
		if (!internal) {
			lua_pop(L, 1);                                               /* */
			lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline); /* where */
			return;
		}
	}
	lua_pop(L, 1);          /* */
	lua_pushliteral(L, ""); /* where */
}

/* Raises `message` prefixed with the recipe's place; never returns. */
static int raise_here(lua_State *L, const char *format, ...)
{
	va_list args;
	push_where(L); /* where */
	va_start(args, format);
	lua_pushvfstring(L, format, args); /* where message */
	va_end(args);
	lua_concat(L, 2); /* where..message */
	return lua_error(L);
}

/* core.internal(): marks the calling chunk as one of acrn's own modules, so
 * that errors name the recipe's line instead. */
static int core_internal(lua_State *L)
{
	lua_Debug ar;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "S", &ar)) {
		lua_getfield(L, LUA_REGISTRYINDEX, INTERNAL_KEY); /* internal */
		lua_pushboolean(L, 1);                            /* internal true */
		lua_setfield(L, -2, ar.source);                   /* internal */
		lua_pop(L, 1);                                    /* */
	}
	return 0;
}

/* The C function that core.keep_caller returns: calls its upvalue with all
 * arguments and returns all its results. */
static int call_through(lua_State *L)
{
	int base = lua_gettop(L);
	lua_pushvalue(L, lua_upvalueindex(1)); /* args… fn */
	lua_insert(L, 1);                      /* fn args… */
	lua_call(L, base, LUA_MULTRET);        /* results… */
	return lua_gettop(L);
}

/* core.keep_caller(fn) -> a C function that calls fn.  A recipe's
 * `return acrn.vm {…}` is a tail call, which drops the recipe's frame (and
 * so its line) when the callee is a Lua function but not when it is a C
 * function: entry points written in Lua are wrapped in this. */
static int core_keep_caller(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TFUNCTION);
	lua_settop(L, 1);
	lua_pushcclosure(L, call_through, 1); /* wrapper */
	return 1;
}

static int push_bytes(lua_State *L)
{
	lua_pushlstring(L, lua_touserdata(L, 1), (size_t)lua_tointeger(L, 2));
	return 1;
}

int push_error(lua_State *L, int rc, const struct acrn_error *error)
{
	lua_pushnil(L);
	lua_pushstring(L, error->message);
	lua_pushinteger(L, -rc);
	return 3;
}

void push_owned(lua_State *L, char *bytes, size_t length)
{
	lua_pushcfunction(L, push_bytes); /* push */
	lua_pushlightuserdata(L, bytes);  /* push bytes */
	lua_pushinteger(L, (lua_Integer)length);
	int rc = lua_pcall(L, 2, 1, 0); /* string | message */
	free(bytes);
	if (rc != LUA_OK)
		lua_error(L);
}

/* core.where() -> "file:line: " of the recipe line running now, or "". */
static int core_where(lua_State *L)
{
	push_where(L); /* where */
	return 1;
}

/* A constructor: acrn.virtio_blk { path = "/img" } -> a device table.
 * Upvalue: the emulation (light userdata). */
static int device_new(lua_State *L)
{
	const struct acrn_emulation *emulation = lua_touserdata(L, lua_upvalueindex(1));
	struct acrn_device device;
	if (lua_isnoneornil(L, 1)) {
		lua_settop(L, 0);
		lua_newtable(L); /* {} */
	}
	if (!lua_istable(L, 1))
		return raise_here(L, "%s: takes a table of fields, not %s", emulation->constructor,
				  luaL_typename(L, 1));
	lua_settop(L, 1);
	lua_pushnil(L); /* fields nil: the anchor, made when a list needs it */
	if (!read_device(L, 1, 2, emulation, &device, true)) { /* fields anchor msg */
		push_where(L);                                 /* fields anchor msg where */
		lua_insert(L, -2);                             /* fields anchor where msg */
		lua_pushfstring(L, "%s: %s", emulation->constructor, lua_tostring(L, -1));
		lua_replace(L, -2); /* fields anchor where text */
		lua_concat(L, 2);
		return lua_error(L);
	}
	int count = 0;
	lua_pushnil(L);          /* fields anchor nil */
	while (lua_next(L, 1)) { /* fields anchor key value */
		lua_pop(L, 1);   /* fields anchor key */
		count++;
	}
	lua_createtable(L, 0, count); /* fields anchor device */
	lua_pushnil(L);               /* fields anchor device nil */
	while (lua_next(L, 1)) {      /* fields anchor device key value */
		lua_pushvalue(L, -2); /* ... key value key */
		lua_insert(L, -2);    /* ... key key value */
		lua_rawset(L, 3);     /* fields anchor device key */
	}
	push_device_metatable(L, emulation);             /* fields anchor device mt */
	lua_setmetatable(L, 3);                          /* fields anchor device */
	lua_getfield(L, LUA_REGISTRYINDEX, ORIGINS_KEY); /* ... device origins */
	lua_pushvalue(L, 3);                             /* ... device origins device */
	push_where(L);                                   /* ... device origins device where */
	lua_rawset(L, -3);                               /* ... device origins */
	lua_pop(L, 1);                                   /* fields anchor device */
	return 1;
}

/* core.make_device(kind, fields, where) -> a device of that kind holding
 * a raw copy of `fields`, made at `where` ("file:line: "): how the sandbox
 * gives back a device a confined recipe made.  Its fields are checked when
 * the VM is built, as any device's are. */
static int core_make_device(lua_State *L)
{
	const char *kind = luaL_checkstring(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	luaL_checkstring(L, 3);
	const struct acrn_emulation *emulation = acrn_emulation_find(kind);
	if (!emulation || strcmp(emulation->kind, kind) != 0)
		return luaL_error(L, "no device kind %s", kind);
	lua_settop(L, 3);
	lua_newtable(L);              /* kind fields where device */
	lua_pushnil(L);               /* ... device nil */
	while (lua_next(L, 2)) {      /* ... device key value */
		lua_pushvalue(L, -2); /* ... device key value key */
		lua_insert(L, -2);    /* ... device key key value */
		lua_rawset(L, 4);     /* ... device key */
	}
	push_device_metatable(L, emulation);             /* ... device mt */
	lua_setmetatable(L, 4);                          /* ... device */
	lua_getfield(L, LUA_REGISTRYINDEX, ORIGINS_KEY); /* ... device origins */
	lua_pushvalue(L, 4);
	lua_pushvalue(L, 3);
	lua_rawset(L, -3); /* ... device origins */
	lua_pop(L, 1);     /* ... device */
	return 1;
}

/* core.host_text_type(mt): the metatable of text read at launch
 * (host_text.lua), which the constructors take for a string. */
static int core_host_text_type(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	if (lua_getfield(L, LUA_REGISTRYINDEX, HOST_TEXT_KEY) != LUA_TNIL)
		return luaL_error(L, "the host text type is set once");
	lua_pop(L, 1);
	lua_setfield(L, LUA_REGISTRYINDEX, HOST_TEXT_KEY);
	return 0;
}

/* core.kind(value) -> "virtio-blk" for a device, or nil. */
static int core_kind(lua_State *L)
{
	const struct acrn_emulation *emulation = device_emulation(L, 1);
	if (!emulation)
		return 0;
	lua_pushstring(L, emulation->kind);
	return 1;
}

/* core.origin(device) -> "file:line: " where it was made, or "". */
static int core_origin(lua_State *L)
{
	lua_getfield(L, LUA_REGISTRYINDEX, ORIGINS_KEY); /* origins */
	lua_pushvalue(L, 1);                             /* origins device */
	if (lua_rawget(L, -2) != LUA_TSTRING) {          /* origins where */
		lua_pop(L, 1);
		lua_pushliteral(L, "");
	}
	return 1;
}

/* core.render(device, target) -> "virtio-blk,/img" or nil, message. */
static int core_render(lua_State *L)
{
	const struct acrn_emulation *emulation = device_emulation(L, 1);
	struct acrn_vm vm = {0};
	struct acrn_device device;
	struct acrn_error error;
	char buffer[4 * ACRN_PATH_MAX];
	luaL_argexpected(L, emulation, 1, "device");
	vm.target = check_target(L, 2, "");
	lua_settop(L, 1);
	lua_newtable(L);                                        /* device anchor */
	if (!read_device(L, 1, 2, emulation, &device, false)) { /* device anchor msg */
		lua_pushnil(L);
		lua_insert(L, -2); /* device anchor nil msg */
		return 2;
	}
	if (acrn_device_render(&vm, &device, 1, buffer, sizeof buffer, NULL, &error) < 0) {
		lua_pushnil(L);
		lua_pushstring(L, error.message);
		return 2;
	}
	lua_pushstring(L, buffer);
	return 1;
}

/* __tostring of a device: the "-s" value it becomes, for the default
 * target; "?" stands for a slot the layout has not chosen yet. */
static int device_tostring(lua_State *L)
{
	const struct acrn_emulation *emulation = device_emulation(L, 1);
	lua_pushcfunction(L, core_render);       /* dev render */
	lua_pushvalue(L, 1);                     /* dev render dev */
	lua_pushliteral(L, ACRN_DEFAULT_TARGET); /* dev render dev target */
	lua_call(L, 2, 2);                       /* dev text|nil message */
	if (lua_isnil(L, -2)) {
		lua_pushfstring(L, "<%s: %s>", emulation ? emulation->kind : "?",
				lua_tostring(L, -1));
		return 1;
	}
	lua_pop(L, 1);                                 /* dev text */
	if (lua_getfield(L, 1, "slot") == LUA_TNUMBER) /* dev text slot */
		lua_pushfstring(L, "%s,%s", lua_tostring(L, -1), lua_tostring(L, -2));
	else
		lua_pushfstring(L, "?,%s", lua_tostring(L, -2));
	return 1;
}

/* The registry key of the devices' metatables, by emulation number. */
static const char device_metatables;

/* The number (from 1) of `emulation` in the catalogue, or 0 when the
 * pointer is not one of its emulations. */
static lua_Integer emulation_number(const void *emulation)
{
	size_t count;
	const struct acrn_emulation *emulations = acrn_emulations(&count);
	uintptr_t first = (uintptr_t)emulations, at = (uintptr_t)emulation;
	if (at < first || at >= first + count * sizeof *emulations ||
	    (at - first) % sizeof *emulations)
		return 0;
	return (lua_Integer)((at - first) / sizeof *emulations) + 1;
}

void push_device_metatable(lua_State *L, const struct acrn_emulation *emulation)
{
	lua_Integer number = emulation_number(emulation);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &device_metatables) != LUA_TTABLE) { /* nil */
		lua_pop(L, 1);
		lua_newtable(L);                                       /* mts */
		lua_pushvalue(L, -1);                                  /* mts mts */
		lua_rawsetp(L, LUA_REGISTRYINDEX, &device_metatables); /* mts */
	}
	if (lua_rawgeti(L, -1, number) == LUA_TTABLE) { /* mts mt */
		lua_remove(L, -2);                      /* mt */
		return;
	}
	lua_pop(L, 1);            /* mts */
	lua_createtable(L, 1, 4); /* mts mt */
	/* device_emulation's way back to the emulation */
	lua_pushlightuserdata(L, (void *)emulation);
	lua_rawseti(L, -2, 1);
	set_string(L, "kind", emulation->kind);
	lua_pushliteral(L, "acrn.device");
	lua_setfield(L, -2, "__name");
	lua_pushcfunction(L, device_tostring);
	lua_setfield(L, -2, "__tostring");
	/* getmetatable and setmetatable see this, never the table: no recipe
	 * plants code in a device for trusted code to run */
	lua_pushliteral(L, "acrn.device");
	lua_setfield(L, -2, "__metatable");
	lua_pushvalue(L, -1);       /* mts mt mt */
	lua_rawseti(L, -3, number); /* mts mt */
	lua_remove(L, -2);          /* mt */
}

/* The emulation of the device table at `index`, or NULL when it is not a
 * device made by one of the constructors: its metatable must be the one
 * made for the emulation it names. */
const struct acrn_emulation *device_emulation(lua_State *L, int index)
{
	const struct acrn_emulation *emulation = NULL;
	if (!lua_istable(L, index) || !lua_getmetatable(L, index))
		return NULL; /* mt */
	int mt = lua_gettop(L);
	lua_Integer number = 0;
	if (lua_rawgeti(L, mt, 1) == LUA_TLIGHTUSERDATA) /* mt emulation */
		number = emulation_number(lua_touserdata(L, -1));
	if (number && lua_rawgetp(L, LUA_REGISTRYINDEX, &device_metatables) == LUA_TTABLE &&
	    lua_rawgeti(L, -1, number) == LUA_TTABLE && /* mt emulation mts ours */
	    lua_rawequal(L, -1, mt))
		emulation = lua_touserdata(L, mt + 1);
	lua_settop(L, mt - 1); /* */
	return emulation;
}

/* core.probe(program) -> the target the acrn-dm at `program` is (run once
 * with -v) and a note to say (or nil), or nil, message. */
static int core_probe(lua_State *L)
{
	const char *program = luaL_checkstring(L, 1);
	char output[1024];
	struct acrn_error error;
	struct acrn_version version;
	const struct acrn_target *target;
	const char *note;
	if (acrn_probe_release(program, output, sizeof output, &version, &error) < 0 ||
	    acrn_version_target(&version, &target, &note, &error) < 0) {
		lua_pushnil(L);
		lua_pushfstring(L, "%s -v: %s", program, error.message);
		return 2;
	}
	lua_pushstring(L, target->name);
	if (note) {
		lua_pushfstring(L, "%s -v says %s: %s", program, target->name, note);
		return 2;
	}
	return 1;
}

/* core.memory_limit(bytes) -> true: from now on the state may use at most
 * `bytes` more than it uses now (nil: no limit), when it runs under
 * acrn-launch's budget allocator; nil, message when it does not. */
static int core_memory_limit(lua_State *L)
{
	void *allocator_data;
	lua_getfield(L, LUA_REGISTRYINDEX, "acrn.budget"); /* budget */
	struct acrn_budget *budget = lua_touserdata(L, -1);
	if (!budget || lua_getallocf(L, &allocator_data) != acrn_budget_alloc ||
	    allocator_data != budget) {
		lua_pushnil(L);
		lua_pushliteral(L, "memory limits need acrn-launch's allocator");
		return 2;
	}
	if (lua_isnoneornil(L, 1)) {
		budget->limit = 0;
	} else {
		lua_Integer bytes = luaL_checkinteger(L, 1);
		luaL_argcheck(L, bytes > 0, 1, "must be positive");
		budget->limit = budget->used + (size_t)bytes;
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* core.memory_mib(value) -> MiB for "2048M", "2G" or a number of MiB, or
 * nil, why. */
static int core_memory_mib(lua_State *L)
{
	unsigned long long mib;
	const char *why;
	size_t length;
	if (lua_type(L, 1) == LUA_TNUMBER) {
		lua_settop(L, 1);
		return 1;
	}
	const char *text = luaL_checklstring(L, 1, &length);
	if (acrn_memory_parse(text, length, &mib, &why) < 0) {
		lua_pushnil(L);
		lua_pushstring(L, why);
		return 2;
	}
	lua_pushinteger(L, (lua_Integer)mib);
	return 1;
}

/* core.printable(text) -> `text` with each control character but a tab
 * written as \xNN: a message cannot move the cursor, recolour the terminal
 * or fake a line of its own.  (In C: the launch's own log line is long.) */
static int core_printable(lua_State *L)
{
	size_t length, i = 0;
	const char *text = luaL_checklstring(L, 1, &length);
	while (i < length && !((unsigned char)text[i] < 0x20 && text[i] != '\t') && text[i] != 0x7f)
		i++;
	if (i == length) {
		lua_settop(L, 1);
		return 1;
	}
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	luaL_addlstring(&b, text, i);
	for (; i < length; i++) {
		unsigned char c = (unsigned char)text[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			static const char hex[] = "0123456789abcdef";
			char escaped[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
			luaL_addlstring(&b, escaped, sizeof escaped);
		} else {
			luaL_addchar(&b, (char)c);
		}
	}
	luaL_pushresult(&b);
	return 1;
}

/* core.uuid() -> a new random UUID. */
static int core_uuid(lua_State *L)
{
	char text[37];
	acrn_uuid_generate(text);
	lua_pushstring(L, text);
	return 1;
}

/* ---------------------------------------------------------------------------
 * The catalogue as data, for acrn.vm's own checks, docs and completion
 */

/* Pushes the release ranges as a catalogue item carries them: `since`,
 * `removed`, `ignored` as text for people, and `releases` as numbers for
 * core.accepts (Lua never compares releases itself). */
static void push_releases(lua_State *L, const struct acrn_releases *releases)
{
	char text[16];
	lua_createtable(L, 0, 3); /* item releases */
	lua_pushinteger(L, releases->since);
	lua_setfield(L, -2, "since");
	lua_pushinteger(L, releases->removed);
	lua_setfield(L, -2, "removed");
	lua_pushinteger(L, releases->ignored);
	lua_setfield(L, -2, "ignored");
	lua_setfield(L, -2, "releases"); /* item */
	if (releases->since) {
		set_string(L, "since", acrn_release_text(releases->since, text));
	}
	if (releases->removed) {
		set_string(L, "removed", acrn_release_text(releases->removed, text));
	}
	if (releases->ignored) {
		set_string(L, "ignored", acrn_release_text(releases->ignored, text));
	}
}

const char *field_type_name(enum acrn_type type)
{
	static const char *const types[] = {
		[ACRN_TYPE_STRING] = "string", [ACRN_TYPE_PATH] = "path",
		[ACRN_TYPE_BOOL] = "boolean",  [ACRN_TYPE_INTEGER] = "integer",
		[ACRN_TYPE_CHOICE] = "choice", [ACRN_TYPE_MAC] = "mac",
		[ACRN_TYPE_IFNAME] = "ifname", [ACRN_TYPE_UUID] = "uuid",
		[ACRN_TYPE_MEMORY] = "memory", [ACRN_TYPE_BOOTARGS] = "bootargs",
		[ACRN_TYPE_VMNAME] = "vmname", [ACRN_TYPE_UART] = "uart",
		[ACRN_TYPE_BDF] = "bdf",       [ACRN_TYPE_LIST] = "list",
		[ACRN_TYPE_RECORD] = "record", [ACRN_TYPE_RECORDS] = "records",
	};
	return types[type];
}

static void push_field(lua_State *L, const struct acrn_field *field)
{
	luaL_checkstack(L, 8, "catalogue too deep");
	lua_createtable(L, 0, 8); /* field */
	set_string(L, "name", field->name);
	set_string(L, "type", field_type_name(field->type));
	if (field->key) {
		set_string(L, "key", field->key);
	}
	if (field->choices) {
		lua_newtable(L); /* field choices */
		lua_newtable(L); /* field choices releases */
		for (int i = 0; field->choices[i].name; i++) {
			lua_pushstring(L, field->choices[i].name);
			lua_rawseti(L, -3, i + 1);
			lua_newtable(L); /* field choices releases choice */
			push_releases(L, &field->choices[i].releases);
			lua_setfield(L, -2, field->choices[i].name); /* field choices releases */
		}
		lua_setfield(L, -3, "choice_releases"); /* field choices */
		lua_setfield(L, -2, "choices");         /* field */
	}
	if (field->hex) {
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, "hex");
	}
	if (field->shorthand) {
		set_string(L, "shorthand", field->shorthand);
	}
	if (field->repeat) {
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, "repeat");
	}
	if (field->type == ACRN_TYPE_INTEGER) {
		lua_pushinteger(L, field->min);
		lua_setfield(L, -2, "min");
		lua_pushinteger(L, field->max);
		lua_setfield(L, -2, "max");
	}
	lua_pushboolean(L, field->required);
	lua_setfield(L, -2, "required");
	if (field->flag_ok) {
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, "flag_ok");
	}
	if (field->at_launch) {
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, "at_launch");
	}
	if (field->max_items) {
		lua_pushinteger(L, (lua_Integer)field->max_items);
		lua_setfield(L, -2, "max_items");
	}
	if (field->element) {
		push_field(L, field->element);  /* field element */
		lua_setfield(L, -2, "element"); /* field */
	}
	if (field->record) {
		lua_createtable(L, (int)field->record->count, 0); /* field fields */
		for (size_t i = 0; i < field->record->count; i++) {
			push_field(L, &field->record->fields[i]);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		lua_setfield(L, -2, "fields"); /* field */
	}
	push_releases(L, &field->releases);
	set_string(L, "doc", field->doc ? field->doc : "");
}

/* core.catalog() -> { targets, name_max, same_as, default_target, emulations, options,
 * commands } */
static int core_catalog(lua_State *L)
{
	size_t count;
	lua_createtable(L, 0, 4); /* catalog */
	const struct acrn_target *targets = acrn_targets(&count);
	lua_createtable(L, (int)count, 0); /* catalog targets */
	for (size_t i = 0; i < count; i++) {
		lua_pushstring(L, targets[i].name);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "targets");
	lua_createtable(L, 0, (int)count); /* catalog name_max */
	for (size_t i = 0; i < count; i++) {
		lua_pushinteger(L, (lua_Integer)acrn_target_name_max(&targets[i]));
		lua_setfield(L, -2, targets[i].name);
	}
	lua_setfield(L, -2, "name_max");
	/* a patch release that reads the same command line as its minor */
	lua_createtable(L, 0, 4); /* catalog same_as */
	for (size_t i = 0; i < count; i++)
		for (size_t j = 0; j < i; j++)
			if (targets[j].release == targets[i].release) {
				lua_pushstring(L, targets[j].name);
				lua_setfield(L, -2, targets[i].name);
				break;
			}
	lua_setfield(L, -2, "same_as");
	lua_pushliteral(L, ACRN_DEFAULT_TARGET);
	lua_setfield(L, -2, "default_target");

	const struct acrn_emulation *emulations = acrn_emulations(&count);
	lua_createtable(L, (int)count, 0); /* catalog emulations */
	for (size_t i = 0; i < count; i++) {
		const struct acrn_emulation *e = &emulations[i];
		lua_createtable(L, 0, 6); /* ... emulation */
		set_string(L, "kind", e->kind);
		set_string(L, "constructor", e->constructor);
		set_string(L, "doc", e->doc ? e->doc : "");
		push_releases(L, &e->releases);
		lua_createtable(L, (int)e->field_count, 0); /* ... emulation fields */
		for (size_t f = 0; f < e->field_count; f++) {
			push_field(L, &e->fields[f]);
			lua_rawseti(L, -2, (lua_Integer)f + 1);
		}
		lua_setfield(L, -2, "fields");
		lua_rawseti(L, -2, (lua_Integer)i + 1); /* catalog emulations */
	}
	lua_setfield(L, -2, "emulations");

	const struct acrn_option *options = acrn_options(&count);
	lua_createtable(L, (int)count, 0); /* catalog options */
	for (size_t i = 0; i < count; i++) {
		push_field(L, &options[i].field);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "options");

	/* acrn-dm's options that are no VM field: -s, -l, -v, -h */
	static const char *const roles[] = {[ACRN_COMMAND_DEVICE] = "device",
					    [ACRN_COMMAND_LPC] = "lpc",
					    [ACRN_COMMAND_PRINTS] = "prints"};
	const struct acrn_command_option *commands = acrn_command_options(&count);
	lua_createtable(L, (int)count, 0); /* catalog commands */
	for (size_t i = 0; i < count; i++) {
		lua_createtable(L, 0, 4); /* ... command */
		set_string(L, "key", commands[i].key);
		set_string(L, "long_name", commands[i].long_name);
		set_string(L, "role", roles[commands[i].role]);
		set_string(L, "doc", commands[i].doc);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "commands");
	return 1;
}

/* core.option_names() -> the VM fields of the catalogue's options, in
 * order (cheaper than core.catalog(), which acrn-launch loads lazily). */
static int core_option_names(lua_State *L)
{
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	lua_createtable(L, (int)count, 0); /* names */
	for (size_t i = 0; i < count; i++) {
		lua_pushstring(L, options[i].field.name);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* core.targets() -> the names of the known releases, oldest first. */
static int core_targets(lua_State *L)
{
	size_t count;
	const struct acrn_target *targets = acrn_targets(&count);
	lua_createtable(L, (int)count, 0); /* names */
	for (size_t i = 0; i < count; i++) {
		lua_pushstring(L, targets[i].name);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* core.supports(target, name) -> true, or false and why: does the target
 * have the emulation, constructor or option `name`, and act on it? */
static int core_supports(lua_State *L)
{
	const struct acrn_target *target = check_target(L, 1, "");
	const char *name = luaL_checkstring(L, 2);
	struct acrn_error error;
	int rc = acrn_supports(target, name, &error);
	if (rc == -ENOENT)
		return luaL_error(L, "supports: %s", error.message);
	lua_pushboolean(L, rc == 0);
	if (rc == 0)
		return 1;
	lua_pushstring(L, error.message);
	return 2;
}

/* core.accepts(target, item) -> "yes", "ignored" or "no": what the target
 * does with a catalogue item (an entry of core.catalog(): an emulation, a
 * field, an option, or anything with its `releases`). */
static int core_accepts(lua_State *L)
{
	const struct acrn_target *target = check_target(L, 1, "");
	struct acrn_releases releases = {0};
	luaL_checktype(L, 2, LUA_TTABLE);
	if (lua_getfield(L, 2, "releases") == LUA_TTABLE) { /* releases */
		lua_getfield(L, -1, "since");
		lua_getfield(L, -2, "removed");
		lua_getfield(L, -3, "ignored");
		releases.since = (int)luaL_optinteger(L, -3, 0);
		releases.removed = (int)luaL_optinteger(L, -2, 0);
		releases.ignored = (int)luaL_optinteger(L, -1, 0);
	}
	static const char *const words[] =
		{[ACRN_ACCEPTED] = "yes", [ACRN_IGNORED] = "ignored", [ACRN_REFUSED] = "no"};
	lua_pushstring(L, words[acrn_accepts(&releases, target)]);
	return 1;
}

static const luaL_Reg core_functions[] = {
	{"accepts", core_accepts},
	{"render", core_render},
	{"uuid", core_uuid},
	{"printable", core_printable},
	{"catalog", core_catalog},
	{"supports", core_supports},
	{"kind", core_kind},
	{"make_device", core_make_device},
	{"host_text_type", core_host_text_type},
	{"option_names", core_option_names},
	{"targets", core_targets},
	{"origin", core_origin},
	{"where", core_where},
	{"internal", core_internal},
	{"keep_caller", core_keep_caller},
	{"probe", core_probe},
	{"memory_limit", core_memory_limit},
	{"memory_mib", core_memory_mib},
	{NULL, NULL},
};

int luaopen_acrn_core(lua_State *L)
{
	size_t count;
	const struct acrn_emulation *emulations = acrn_emulations(&count);

	lua_newtable(L); /* internal */
	lua_setfield(L, LUA_REGISTRYINDEX, INTERNAL_KEY);
	lua_newtable(L);          /* origins */
	lua_createtable(L, 0, 1); /* origins mt */
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2); /* origins */
	lua_setfield(L, LUA_REGISTRYINDEX, ORIGINS_KEY);

	luaL_newlib(L, core_functions);    /* core */
	lua_createtable(L, 0, (int)count); /* core constructors */
	for (size_t i = 0; i < count; i++) {
		lua_pushlightuserdata(L, (void *)&emulations[i]); /* core constructors emulation */
		lua_pushcclosure(L, device_new, 1);               /* core constructors ctor */
		lua_setfield(L, -2, emulations[i].constructor);
	}
	lua_setfield(L, -2, "constructors"); /* core */
	lua_pushliteral(L, ACRN_LAUNCH_VERSION);
	lua_setfield(L, -2, "version");
	lua_pushliteral(L, ACRN_DEFAULT_TARGET);
	lua_setfield(L, -2, "default_target");
	process_open(L);
	host_open(L);
	plan_open(L);
	scan_open(L);
	sandbox_open(L);
	return 1;
}
