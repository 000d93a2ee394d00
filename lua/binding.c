/* SPDX-License-Identifier: Apache-2.0 */
/*
 * acrn.core: the C core as a Lua module.  Every Lua C API call of the
 * project outside main.c lives here.  Devices are plain tables tagged with a
 * per-emulation metatable; a spec table goes into build() and a plan table
 * comes out.  Misuse raises an error that carries the recipe's file:line;
 * the environment failing returns nil, message, errno.
 */
#include "acrn.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#define INTERNAL_KEY "acrn.internal" /* set of chunk sources of acrn's own modules */
#define ORIGINS_KEY "acrn.origins"   /* weak table: device -> "file:line: " */
#define DEVICE_KEY "acrn.device."    /* + kind: the metatable of a device */
#define PLAN_KEY "acrn.plan"         /* metatable of the owned C plan */

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
			lua_pop(L, 1); /* */
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

/* core.where() -> "file:line: " of the recipe line running now, or "". */
static int core_where(lua_State *L)
{
	push_where(L); /* where */
	return 1;
}

/* ---------------------------------------------------------------------------
 * Reading values from Lua
 */

static const char *type_words(const struct acrn_field *field)
{
	switch (field->type) {
	case ACRN_TYPE_BOOL:
		return "a boolean";
	case ACRN_TYPE_INTEGER:
		return field->flag_ok ? "true or an integer" : "an integer";
	case ACRN_TYPE_MEMORY:
		return "a string like \"2048M\" or an integer number of MiB";
	case ACRN_TYPE_LIST:
		return "a list";
	case ACRN_TYPE_RECORD:
		return field->shorthand ? "a table or a string" : "a table";
	case ACRN_TYPE_RECORDS:
		return field->flag_ok ? "true or a list of tables" : "a list of tables";
	default:
		return field->flag_ok ? "true or a string" : "a string";
	}
}

/* Reads an integer without losing anything: 3 and 3.0 are 3, 3.5 is not. */
static bool read_integer(lua_State *L, int index, long long *number)
{
	int is_number;
	lua_Integer n = lua_tointegerx(L, index, &is_number);
	if (!is_number || lua_type(L, index) != LUA_TNUMBER)
		return false;
	*number = (long long)n;
	return true;
}

/* Values owned by the anchor table at `anchor`: `count` of them, zeroed. */
static struct acrn_value *anchored_values(lua_State *L, int anchor, size_t count)
{
	struct acrn_value *values = lua_newuserdatauv(L, (count ? count : 1) * sizeof *values, 0);
	memset(values, 0, (count ? count : 1) * sizeof *values);
	lua_rawseti(L, anchor, (lua_Integer)lua_rawlen(L, anchor) + 1); /* (anchored) */
	return values;
}

static bool read_value(lua_State *L, int index, int anchor, const struct acrn_field *field,
		       struct acrn_value *value, char *why, size_t size);

/* The length of the list at `index`, or false with `why` when it has other
 * keys than 1..n. */
static bool list_length(lua_State *L, int index, const char *name, size_t *length, char *why,
			size_t size)
{
	size_t n = lua_rawlen(L, index), keys = 0;
	lua_pushnil(L); /* nil */
	while (lua_next(L, index)) { /* key value */
		long long position;
		lua_pop(L, 1); /* key */
		keys++;
		if (!read_integer(L, -1, &position) || position < 1 || (size_t)position > n) {
			lua_pop(L, 1); /* */
			snprintf(why, size, "%s must be a list, without other keys", name);
			return false;
		}
	}
	*length = n;
	return keys == n;
}

/* Reads the table at `index` as one record of `field` into `items`. */
static bool read_record(lua_State *L, int index, int anchor, const struct acrn_field *field,
			const char *name, struct acrn_value *items, char *why, size_t size)
{
	const struct acrn_record *record = field->record;
	if (lua_type(L, index) == LUA_TSTRING && field->shorthand) {
		int f = acrn_record_find(record, field->shorthand);
		return read_value(L, index, anchor, &record->fields[f], &items[f], why, size);
	}
	if (!lua_istable(L, index)) {
		snprintf(why, size, "%s must be a table, not %s", name, luaL_typename(L, index));
		return false;
	}
	lua_pushnil(L); /* nil */
	while (lua_next(L, index)) { /* key value */
		const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
		int f = key ? acrn_record_find(record, key) : -1;
		if (f < 0) {
			size_t at = (size_t)snprintf(why, size, "%s: unknown field %s%s%s (known:",
						     name, key ? "\"" : "",
						     key ? key : luaL_typename(L, -2), key ? "\"" : "");
			for (size_t i = 0; i < record->count && at < size; i++)
				at += (size_t)snprintf(why + at, size - at, "%s %s", i ? "," : "",
						       record->fields[i].name);
			if (at < size)
				snprintf(why + at, size - at, ")");
			lua_pop(L, 2); /* */
			return false;
		}
		char inner[256];
		if (!read_value(L, lua_gettop(L), anchor, &record->fields[f], &items[f], inner,
				sizeof inner)) {
			snprintf(why, size, "%s: %s", name, inner);
			lua_pop(L, 2); /* */
			return false;
		}
		lua_pop(L, 1); /* key */
	}
	return true;
}

/* Reads the Lua value at `index` into `value` as `field` wants it.  Strings
 * stay owned by Lua (the caller keeps the table alive); arrays of values
 * go into the anchor table.  Returns false with a reason in `why`. */
static bool read_value(lua_State *L, int index, int anchor, const struct acrn_field *field,
		       struct acrn_value *value, char *why, size_t size)
{
	int type = lua_type(L, index);
	size_t n;
	*value = (struct acrn_value){.set = true};
	if (field->flag_ok && type == LUA_TBOOLEAN && lua_toboolean(L, index)) {
		value->flag = true;
		return true;
	}
	switch (field->type) {
	case ACRN_TYPE_BOOL:
		if (type != LUA_TBOOLEAN)
			break;
		value->flag = lua_toboolean(L, index);
		return true;
	case ACRN_TYPE_INTEGER:
		if (type != LUA_TNUMBER)
			break;
		if (!read_integer(L, index, &value->number)) {
			snprintf(why, size, "%s must be an integer, not %s", field->name,
				 lua_tostring(L, index));
			return false;
		}
		return true;
	case ACRN_TYPE_LIST:
	case ACRN_TYPE_RECORDS:
		if (type != LUA_TTABLE)
			break;
		if (!list_length(L, index, field->name, &n, why, size))
			return false;
		bool records = field->type == ACRN_TYPE_RECORDS;
		size_t width = records ? field->record->count : 1;
		struct acrn_value *items = anchored_values(L, anchor, n * width);
		value->items = items;
		value->count = n;
		for (size_t i = 0; i < n; i++) {
			char name[64];
			bool ok;
			snprintf(name, sizeof name, "%s[%zu]", field->name, i + 1);
			lua_rawgeti(L, index, (lua_Integer)i + 1); /* item */
			if (records) {
				ok = read_record(L, lua_gettop(L), anchor, field, name,
						 items + i * width, why, size);
			} else {
				struct acrn_field element = *field->element;
				element.name = name;
				ok = read_value(L, lua_gettop(L), anchor, &element, &items[i], why,
						size);
			}
			lua_pop(L, 1); /* */
			if (!ok)
				return false;
		}
		return true;
	case ACRN_TYPE_RECORD:
		if (type != LUA_TTABLE && !(type == LUA_TSTRING && field->shorthand))
			break;
		value->items = anchored_values(L, anchor, field->record->count);
		value->count = 1;
		return read_record(L, index, anchor, field, field->name,
				   (struct acrn_value *)value->items, why, size);
	case ACRN_TYPE_MEMORY:
		if (type == LUA_TNUMBER) {
			if (!read_integer(L, index, &value->number)) {
				snprintf(why, size, "%s must be a whole number of MiB, not %s",
					 field->name, lua_tostring(L, index));
				return false;
			}
			return true;
		}
		/* fall through */
	default:
		if (type != LUA_TSTRING)
			break;
		value->text = lua_tolstring(L, index, &value->length);
		return true;
	}
	snprintf(why, size, "%s must be %s, not %s", field->name, type_words(field),
		 luaL_typename(L, index));
	return false;
}

/* ---------------------------------------------------------------------------
 * Devices
 */

static bool is_placement_key(const char *key)
{
	return strcmp(key, "bus") == 0 || strcmp(key, "slot") == 0 || strcmp(key, "func") == 0;
}

/* Pushes "unknown field "pth" (known: path, nodisk, …)" for `emulation`. */
static void push_unknown(lua_State *L, const struct acrn_emulation *emulation, const char *key)
{
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	lua_pushfstring(L, "unknown field \"%s\" (known:", key);
	luaL_addvalue(&b);
	for (size_t f = 0; f < emulation->field_count; f++) {
		luaL_addstring(&b, f ? ", " : " ");
		luaL_addstring(&b, emulation->fields[f].name);
	}
	luaL_addstring(&b, emulation->field_count ? ", bus, slot, func)" : " bus, slot, func)");
	luaL_pushresult(&b);
}

/* Reads the device table at `index` into `device`.  Returns NULL on success,
 * or pushes nothing and returns a static reason... no: on failure it pushes
 * the message (without place) and returns false. */
static bool read_device(lua_State *L, int index, int anchor,
			const struct acrn_emulation *emulation, struct acrn_device *device)
{
	char why[256];
	memset(device, 0, sizeof *device);
	device->emulation = emulation;
	device->bus = device->slot = device->func = ACRN_UNSET;
	lua_pushnil(L); /* nil */
	while (lua_next(L, index)) { /* key value */
		if (lua_type(L, -2) != LUA_TSTRING) {
			lua_pushfstring(L, "field names are strings, not %s",
					luaL_typename(L, -2)); /* key value msg */
			lua_replace(L, -3);             /* msg value */
			lua_pop(L, 1);                  /* msg */
			return false;
		}
		const char *key = lua_tostring(L, -2);
		int f = acrn_field_find(emulation, key);
		if (f >= 0) {
			if (!read_value(L, lua_gettop(L), anchor, &emulation->fields[f],
					&device->values[f], why, sizeof why)) {
				lua_pop(L, 2);             /* */
				lua_pushstring(L, why);    /* msg */
				return false;
			}
		} else if (is_placement_key(key)) {
			long long number;
			if (!read_integer(L, -1, &number) || number < -1 || number > 65535) {
				lua_pushfstring(L, "%s must be an integer PCI %s number, not %s", key,
						key, luaL_tolstring(L, -1, NULL)); /* k v s msg */
				lua_replace(L, -4);                        /* msg v s */
				lua_pop(L, 2);                             /* msg */
				return false;
			}
			int *target = key[0] == 'b' ? &device->bus
				      : key[0] == 's' ? &device->slot
						      : &device->func;
			*target = (int)number;
		} else {
			push_unknown(L, emulation, key); /* key value msg */
			lua_replace(L, -3);              /* msg value */
			lua_pop(L, 1);                   /* msg */
			return false;
		}
		lua_pop(L, 1); /* key */
	}
	return true;
}

/* The emulation of the device table at `index`, or NULL when it is not a
 * device made by one of the constructors. */
static const struct acrn_emulation *device_emulation(lua_State *L, int index)
{
	const struct acrn_emulation *emulation = NULL;
	if (!lua_istable(L, index) || !lua_getmetatable(L, index))
		return NULL;                  /* mt */
	if (lua_getfield(L, -1, "kind") == LUA_TSTRING) { /* mt kind */
		emulation = acrn_emulation_find(lua_tostring(L, -1));
		lua_pushfstring(L, DEVICE_KEY "%s", lua_tostring(L, -1)); /* mt kind key */
		lua_rawget(L, LUA_REGISTRYINDEX);                          /* mt kind ourmt */
		if (!lua_rawequal(L, -1, -3))
			emulation = NULL;
		lua_pop(L, 1); /* mt kind */
	}
	lua_pop(L, 2); /* */
	return emulation;
}

/* A constructor: acrn.virtio_blk { path = "/img" } -> a device table.
 * Upvalues: the emulation (light userdata) and its device metatable. */
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
	lua_newtable(L); /* fields anchor */
	if (!read_device(L, 1, 2, emulation, &device)) { /* fields anchor msg */
		push_where(L);      /* fields anchor msg where */
		lua_insert(L, -2);  /* fields anchor where msg */
		lua_pushfstring(L, "%s: %s", emulation->constructor, lua_tostring(L, -1));
		lua_replace(L, -2); /* fields anchor where text */
		lua_concat(L, 2);
		return lua_error(L);
	}
	lua_newtable(L); /* fields anchor device */
	lua_pushnil(L);  /* fields anchor device nil */
	while (lua_next(L, 1)) { /* fields anchor device key value */
		lua_pushvalue(L, -2); /* ... key value key */
		lua_insert(L, -2);    /* ... key key value */
		lua_rawset(L, 3);     /* fields anchor device key */
	}
	lua_pushvalue(L, lua_upvalueindex(2)); /* fields anchor device mt */
	lua_setmetatable(L, 3);                /* fields anchor device */
	lua_getfield(L, LUA_REGISTRYINDEX, ORIGINS_KEY); /* ... device origins */
	lua_pushvalue(L, 3);                              /* ... device origins device */
	push_where(L);                                    /* ... device origins device where */
	lua_rawset(L, -3);                                /* ... device origins */
	lua_pop(L, 1);                                    /* fields anchor device */
	return 1;
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
	lua_pushvalue(L, 1);                              /* origins device */
	if (lua_rawget(L, -2) != LUA_TSTRING) {           /* origins where */
		lua_pop(L, 1);
		lua_pushliteral(L, "");
	}
	return 1;
}

/* ---------------------------------------------------------------------------
 * Specs and plans
 */

static const struct acrn_target *check_target(lua_State *L, int index, const char *where)
{
	size_t count;
	const char *name = lua_tostring(L, index);
	const struct acrn_target *target = name ? acrn_target_find(name) : NULL;
	if (target)
		return target;
	const struct acrn_target *targets = acrn_targets(&count);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	luaL_addstring(&b, where);
	if (name)
		lua_pushfstring(L, "unknown target \"%s\" (known:", name);
	else
		lua_pushfstring(L, "target must be a release like \"3.3\", not %s",
				luaL_typename(L, index));
	luaL_addvalue(&b);
	for (size_t i = 0; name && i < count; i++) {
		luaL_addstring(&b, i ? ", " : " ");
		luaL_addstring(&b, targets[i].name);
	}
	if (name)
		luaL_addstring(&b, ")");
	luaL_pushresult(&b);
	lua_error(L);
	return NULL;
}

/* Pushes the core's error message: device errors at the place the device
 * was made, VM-wide ones at spec.where. */
static void push_build_error(lua_State *L, int spec, const struct acrn_error *error)
{
	if (error->device) {
		lua_getfield(L, spec, "devices");                 /* devices */
		lua_rawgeti(L, -1, (lua_Integer)error->device);   /* devices device */
		lua_getfield(L, LUA_REGISTRYINDEX, ORIGINS_KEY);  /* devices device origins */
		lua_insert(L, -2);                                /* devices origins device */
		if (lua_rawget(L, -2) != LUA_TSTRING) {           /* devices origins where */
			lua_pop(L, 1);
			lua_pushliteral(L, "");
		}
		lua_replace(L, -3); /* where origins */
		lua_pop(L, 1);      /* where */
	} else if (lua_getfield(L, spec, "where") != LUA_TSTRING) { /* where */
		lua_pop(L, 1);
		lua_pushliteral(L, "");
	}
	lua_pushstring(L, error->message); /* where message */
	lua_concat(L, 2);                  /* where..message */
}

/* Raises `where` followed by the formatted message (no position of its own). */
static int raise_at(lua_State *L, const char *where, const char *format, ...)
{
	va_list args;
	lua_pushstring(L, where); /* where */
	va_start(args, format);
	lua_pushvfstring(L, format, args); /* where message */
	va_end(args);
	lua_concat(L, 2);
	return lua_error(L);
}

/* Reads the spec table at `spec` into `vm`; the devices array and any port
 * arrays are userdata referenced from the anchor table at `anchor`.  Raises
 * on anything that is not what the core can read. */
static void read_vm(lua_State *L, int spec, int anchor, struct acrn_vm *vm)
{
	size_t option_count;
	const struct acrn_option *options = acrn_options(&option_count);
	char why[256];
	lua_getfield(L, spec, "where"); /* where */
	const char *where = lua_tostring(L, -1);
	where = where ? where : "";
	memset(vm, 0, sizeof *vm);

	lua_getfield(L, spec, "target"); /* where target */
	vm->target = check_target(L, -1, where);
	lua_pop(L, 1); /* where */
	if (lua_getfield(L, spec, "root") == LUA_TSTRING) /* where root */
		vm->root = lua_tostring(L, -1); /* the spec keeps it alive */
	lua_pop(L, 1); /* where */

	static const struct acrn_field name_field = {.name = "name", .type = ACRN_TYPE_VMNAME};
	if (lua_getfield(L, spec, "name") != LUA_TNIL && /* where name */
	    !read_value(L, lua_gettop(L), anchor, &name_field, &vm->name, why, sizeof why))
		raise_at(L, where, "%s", why);
	lua_pop(L, 1); /* where */
	for (size_t i = 0; i < option_count; i++) {
		if (lua_getfield(L, spec, options[i].field.name) != LUA_TNIL && /* where value */
		    !read_value(L, lua_gettop(L), anchor, &options[i].field, &vm->options[i], why,
				sizeof why))
			raise_at(L, where, "%s", why);
		lua_pop(L, 1); /* where */
	}

	if (lua_getfield(L, spec, "devices") != LUA_TTABLE) /* where devices */
		raise_at(L, where, "devices must be a list of devices");
	lua_getfield(L, spec, "placements"); /* where devices placements */
	int devices = lua_gettop(L) - 1, placements = lua_gettop(L);
	size_t count = lua_rawlen(L, devices);
	struct acrn_device *array = lua_newuserdatauv(L, (count ? count : 1) * sizeof *array, 0);
	lua_rawseti(L, anchor, (lua_Integer)lua_rawlen(L, anchor) + 1); /* where devices placements */
	for (size_t i = 0; i < count; i++) {
		lua_rawgeti(L, devices, (lua_Integer)i + 1); /* ... device */
		int device = lua_gettop(L);
		const struct acrn_emulation *emulation = device_emulation(L, device);
		if (!emulation)
			raise_at(L, where, "device #%d is %s, not a device made by an acrn constructor",
				 (int)i + 1, luaL_typename(L, device));
		lua_getfield(L, LUA_REGISTRYINDEX, ORIGINS_KEY); /* ... device origins */
		lua_pushvalue(L, device);
		lua_rawget(L, -2); /* ... device origins origin */
		const char *origin = lua_tostring(L, -1);
		if (!read_device(L, device, anchor, emulation, &array[i])) /* ... origin msg */
			raise_at(L, origin ? origin : "", "device #%d (%s): %s", (int)i + 1,
				 emulation->kind, lua_tostring(L, -1));
		lua_pop(L, 2); /* ... device */
		/* the layout's decision for devices it placed */
		if (lua_istable(L, placements) && lua_rawgeti(L, placements, (lua_Integer)i + 1) == LUA_TTABLE) {
			static const char *const keys[] = {"bus", "slot", "func"};
			int *into[] = {&array[i].bus, &array[i].slot, &array[i].func};
			for (int k = 0; k < 3; k++) {
				long long number;
				lua_getfield(L, -1, keys[k]);
				if (read_integer(L, -1, &number) && number >= -1 && number <= 65535)
					*into[k] = (int)number;
				lua_pop(L, 1);
			}
		}
		lua_pop(L, 2); /* where devices placements */
		for (int k = 0; k < 3; k++) {
			int *value = k == 0 ? &array[i].bus : k == 1 ? &array[i].slot : &array[i].func;
			if (*value == ACRN_UNSET && k != 1)
				*value = 0;
		}
		if (array[i].slot == ACRN_UNSET)
			raise_at(L, origin ? origin : "", "device #%d (%s): has no slot (no layout placed it)",
				 (int)i + 1, emulation->kind);
	}
	vm->devices = array;
	vm->device_count = count;
	lua_pop(L, 3); /* */
}

static int plan_gc(lua_State *L)
{
	acrn_plan_free(luaL_checkudata(L, 1, PLAN_KEY));
	return 0;
}

static void push_strings(lua_State *L, const struct acrn_strings *strings)
{
	lua_createtable(L, (int)strings->count, 0); /* list */
	for (size_t i = 0; i < strings->count; i++) {
		lua_pushstring(L, strings->items[i]); /* list item */
		lua_rawseti(L, -2, (lua_Integer)i + 1); /* list */
	}
}

/* core.build(spec) -> { argv, warnings, devices, origins } or raises;
 * origins[i] says what made argv[i]: a VM field name or a device number.
 * spec: { where, target, name, <options>…, devices, placements }. */
static int core_build(lua_State *L)
{
	struct acrn_vm vm;
	struct acrn_error error;
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_newtable(L); /* spec anchor */
	read_vm(L, 1, 2, &vm);
	struct acrn_plan *plan = lua_newuserdatauv(L, sizeof *plan, 0); /* spec anchor plan */
	memset(plan, 0, sizeof *plan);
	luaL_setmetatable(L, PLAN_KEY);
	int rc = acrn_build(&vm, plan, &error);
	if (rc == -ENOMEM)
		return luaL_error(L, "out of memory");
	if (rc < 0) {
		push_build_error(L, 1, &error);
		return lua_error(L);
	}

	lua_createtable(L, 0, 3);          /* spec anchor plan result */
	push_strings(L, &plan->argv);      /* ... result argv */
	lua_setfield(L, -2, "argv");       /* ... result */
	push_strings(L, &plan->warnings);  /* ... result warnings */
	lua_setfield(L, -2, "warnings");   /* ... result */
	lua_createtable(L, (int)plan->device_count, 0); /* ... result devices */
	for (size_t p = 0; p < plan->device_count; p++) {
		const struct acrn_placed_device *placed = &plan->devices[p];
		lua_createtable(L, 0, 6); /* ... devices entry */
		lua_pushinteger(L, (lua_Integer)placed->device);
		lua_setfield(L, -2, "index");
		lua_pushinteger(L, placed->bus);
		lua_setfield(L, -2, "bus");
		lua_pushinteger(L, placed->slot);
		lua_setfield(L, -2, "slot");
		lua_pushinteger(L, placed->func);
		lua_setfield(L, -2, "func");
		lua_pushstring(L, vm.devices[placed->device - 1].emulation->kind);
		lua_setfield(L, -2, "kind");
		lua_pushstring(L, plan->argv.items[placed->argument]);
		lua_setfield(L, -2, "arg");
		lua_rawseti(L, -2, (lua_Integer)p + 1); /* ... devices */
	}
	lua_setfield(L, -2, "devices"); /* spec anchor plan result */
	size_t option_count;
	const struct acrn_option *options = acrn_options(&option_count);
	lua_createtable(L, (int)plan->argv.count, 0); /* ... result origins */
	for (size_t i = 0; i < plan->argv.count; i++) {
		const struct acrn_argument_origin *origin = &plan->origins[i];
		if (origin->kind == ACRN_ORIGIN_DEVICE)
			lua_pushinteger(L, (lua_Integer)origin->index); /* device number */
		else if (origin->kind == ACRN_ORIGIN_OPTION)
			lua_pushstring(L, options[origin->index].field.name); /* VM field */
		else
			lua_pushliteral(L, "name");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "origins"); /* spec anchor plan result */
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
	lua_newtable(L); /* device anchor */
	if (!read_device(L, 1, 2, emulation, &device)) { /* device anchor msg */
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
	lua_pushcfunction(L, core_render);        /* dev render */
	lua_pushvalue(L, 1);                      /* dev render dev */
	lua_pushliteral(L, ACRN_DEFAULT_TARGET);  /* dev render dev target */
	lua_call(L, 2, 2);                        /* dev text|nil message */
	if (lua_isnil(L, -2)) {
		lua_pushfstring(L, "<%s: %s>", emulation ? emulation->kind : "?", lua_tostring(L, -1));
		return 1;
	}
	lua_pop(L, 1); /* dev text */
	if (lua_getfield(L, 1, "slot") == LUA_TNUMBER) /* dev text slot */
		lua_pushfstring(L, "%s,%s", lua_tostring(L, -1), lua_tostring(L, -2));
	else
		lua_pushfstring(L, "?,%s", lua_tostring(L, -2));
	return 1;
}

/* core.check_host(spec, program) -> true, or nil, message, errno. */
static int core_check_host(lua_State *L)
{
	struct acrn_vm vm;
	struct acrn_error error;
	luaL_checktype(L, 1, LUA_TTABLE);
	const char *program = luaL_checkstring(L, 2);
	lua_settop(L, 2);
	lua_newtable(L); /* spec program anchor */
	read_vm(L, 1, 3, &vm);
	int rc = acrn_host_check(&vm, program, &error);
	if (rc == 0) {
		lua_pushboolean(L, 1);
		return 1;
	}
	lua_pushnil(L);                   /* spec program anchor nil */
	push_build_error(L, 1, &error);   /* ... nil message */
	lua_pushinteger(L, -rc);          /* ... nil message errno */
	return 3;
}

/* Copies the list of strings at `index` into `strings`; raises on a
 * non-string before allocating anything. */
static void read_strings(lua_State *L, int index, struct acrn_strings *strings)
{
	size_t count = lua_rawlen(L, index);
	for (size_t i = 1; i <= count; i++) {
		if (lua_rawgeti(L, index, (lua_Integer)i) != LUA_TSTRING)
			luaL_error(L, "argv[%d] must be a string", (int)i);
		lua_pop(L, 1);
	}
	for (size_t i = 1; i <= count; i++) {
		lua_rawgeti(L, index, (lua_Integer)i);
		if (acrn_strings_add(strings, lua_tostring(L, -1)) < 0) {
			acrn_strings_free(strings);
			luaL_error(L, "out of memory");
		}
		lua_pop(L, 1);
	}
}

/* core.exec(program, argv) -> only on failure: nil, message, errno. */
static int core_exec(lua_State *L)
{
	struct acrn_strings argv = {0};
	struct acrn_error error;
	const char *program = luaL_checkstring(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	read_strings(L, 2, &argv);
	fflush(NULL);
	int rc = acrn_exec(program, &argv, &error);
	acrn_strings_free(&argv);
	lua_pushnil(L);
	lua_pushstring(L, error.message);
	lua_pushinteger(L, -rc);
	return 3;
}

/* core.probe(program) -> the target the acrn-dm at `program` is (run once
 * with -v), or nil, message. */
static int core_probe(lua_State *L)
{
	const char *program = luaL_checkstring(L, 1);
	char output[1024], release_text[16];
	struct acrn_error error;
	size_t count;
	int release;
	if (acrn_probe_release(program, output, sizeof output, &release, &error) < 0) {
		lua_pushnil(L);
		lua_pushstring(L, error.message);
		return 2;
	}
	const struct acrn_target *targets = acrn_targets(&count);
	for (size_t i = 0; i < count; i++)
		if (targets[i].release == release) {
			lua_pushstring(L, targets[i].name);
			return 1;
		}
	lua_pushnil(L);
	lua_pushfstring(L, "%s -v says ACRN %s, which acrn-launch does not know; pin a target "
			   "with --target",
			program, acrn_release_text(release, release_text));
	return 2;
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

/* core.command(program, argv) -> the shell-quoted command line. */
static int core_command(lua_State *L)
{
	struct acrn_strings argv = {0};
	const char *program = luaL_checkstring(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	read_strings(L, 2, &argv);
	char *line = acrn_command_line(program, &argv);
	acrn_strings_free(&argv);
	if (!line)
		return luaL_error(L, "out of memory");
	lua_pushstring(L, line);
	free(line);
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

static void push_releases(lua_State *L, const struct acrn_releases *releases)
{
	char text[16];
	if (releases->since) {
		lua_pushstring(L, acrn_release_text(releases->since, text));
		lua_setfield(L, -2, "since");
	}
	if (releases->removed) {
		lua_pushstring(L, acrn_release_text(releases->removed, text));
		lua_setfield(L, -2, "removed");
	}
	if (releases->ignored) {
		lua_pushstring(L, acrn_release_text(releases->ignored, text));
		lua_setfield(L, -2, "ignored");
	}
}

static void push_field(lua_State *L, const struct acrn_field *field)
{
	luaL_checkstack(L, 8, "catalogue too deep");
	static const char *const types[] = {
		[ACRN_TYPE_STRING] = "string",   [ACRN_TYPE_PATH] = "path",
		[ACRN_TYPE_BOOL] = "boolean",    [ACRN_TYPE_INTEGER] = "integer",
		[ACRN_TYPE_CHOICE] = "choice",   [ACRN_TYPE_MAC] = "mac",
		[ACRN_TYPE_IFNAME] = "ifname",   [ACRN_TYPE_UUID] = "uuid",
		[ACRN_TYPE_MEMORY] = "memory",   [ACRN_TYPE_BOOTARGS] = "bootargs",
		[ACRN_TYPE_VMNAME] = "vmname",   [ACRN_TYPE_UART] = "uart",
		[ACRN_TYPE_BDF] = "bdf",         [ACRN_TYPE_LIST] = "list",
		[ACRN_TYPE_RECORD] = "record",   [ACRN_TYPE_RECORDS] = "records",
	};
	lua_createtable(L, 0, 8); /* field */
	lua_pushstring(L, field->name);
	lua_setfield(L, -2, "name");
	lua_pushstring(L, types[field->type]);
	lua_setfield(L, -2, "type");
	if (field->key) {
		lua_pushstring(L, field->key);
		lua_setfield(L, -2, "key");
	}
	if (field->choices) {
		lua_newtable(L); /* field choices */
		for (int i = 0; field->choices[i]; i++) {
			lua_pushstring(L, field->choices[i]);
			lua_rawseti(L, -2, i + 1);
		}
		lua_setfield(L, -2, "choices"); /* field */
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
	if (field->max_items) {
		lua_pushinteger(L, (lua_Integer)field->max_items);
		lua_setfield(L, -2, "max_items");
	}
	if (field->element) {
		push_field(L, field->element); /* field element */
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
	lua_pushstring(L, field->doc ? field->doc : "");
	lua_setfield(L, -2, "doc");
}

/* core.catalog() -> { targets, name_max, default_target, emulations, options } */
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
	lua_pushliteral(L, ACRN_DEFAULT_TARGET);
	lua_setfield(L, -2, "default_target");

	const struct acrn_emulation *emulations = acrn_emulations(&count);
	lua_createtable(L, (int)count, 0); /* catalog emulations */
	for (size_t i = 0; i < count; i++) {
		const struct acrn_emulation *e = &emulations[i];
		lua_createtable(L, 0, 6); /* ... emulation */
		lua_pushstring(L, e->kind);
		lua_setfield(L, -2, "kind");
		lua_pushstring(L, e->constructor);
		lua_setfield(L, -2, "constructor");
		lua_pushstring(L, e->doc ? e->doc : "");
		lua_setfield(L, -2, "doc");
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

static const luaL_Reg core_functions[] = {
	{"build", core_build},     {"render", core_render},     {"check_host", core_check_host},
	{"exec", core_exec},       {"command", core_command},   {"uuid", core_uuid},
	{"catalog", core_catalog}, {"supports", core_supports}, {"kind", core_kind},
	{"origin", core_origin},   {"where", core_where},       {"internal", core_internal},
	{"keep_caller", core_keep_caller}, {"probe", core_probe},
	{"memory_limit", core_memory_limit}, {"memory_mib", core_memory_mib},
	{NULL, NULL},
};

int luaopen_acrn_core(lua_State *L)
{
	size_t count;
	const struct acrn_emulation *emulations = acrn_emulations(&count);

	lua_newtable(L); /* internal */
	lua_setfield(L, LUA_REGISTRYINDEX, INTERNAL_KEY);
	lua_newtable(L); /* origins */
	lua_createtable(L, 0, 1); /* origins mt */
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2); /* origins */
	lua_setfield(L, LUA_REGISTRYINDEX, ORIGINS_KEY);
	luaL_newmetatable(L, PLAN_KEY); /* mt */
	lua_pushcfunction(L, plan_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);

	luaL_newlib(L, core_functions); /* core */
	lua_createtable(L, 0, (int)count); /* core constructors */
	for (size_t i = 0; i < count; i++) {
		lua_pushfstring(L, DEVICE_KEY "%s", emulations[i].kind); /* ... name */
		luaL_newmetatable(L, lua_tostring(L, -1));                /* ... name mt */
		lua_pushstring(L, emulations[i].kind);
		lua_setfield(L, -2, "kind");
		lua_pushliteral(L, "acrn.device");
		lua_setfield(L, -2, "__name");
		lua_pushcfunction(L, device_tostring);
		lua_setfield(L, -2, "__tostring");
		lua_pushlightuserdata(L, (void *)&emulations[i]); /* ... name mt emulation */
		lua_insert(L, -2);                                /* ... name emulation mt */
		lua_pushcclosure(L, device_new, 2);               /* ... name ctor */
		lua_remove(L, -2);                                /* core constructors ctor */
		lua_setfield(L, -2, emulations[i].constructor);
	}
	lua_setfield(L, -2, "constructors"); /* core */
	lua_pushliteral(L, ACRN_LAUNCH_VERSION);
	lua_setfield(L, -2, "version");
	return 1;
}
