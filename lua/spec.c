/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Lua values into the core's structures: a device table into a struct
 * acrn_device, a spec table into a struct acrn_vm.  Strings stay owned by
 * Lua (the caller keeps the tables on the stack); arrays of values are
 * userdata held by an anchor table, so an error that unwinds leaks nothing.
 */
#include "binding.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

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
		if (!field->shorthand)
			return "a table";
		return field->record->fields[acrn_record_find(field->record, field->shorthand)]
					       .type == ACRN_TYPE_INTEGER
			       ? "a table or an integer"
			       : "a table or a string";
	case ACRN_TYPE_RECORDS:
		return field->flag_ok ? "true or a list of tables" : "a list of tables";
	default:
		return field->flag_ok ? "true or a string" : "a string";
	}
}

/* Reads an integer without losing anything: 3 and 3.0 are 3, 3.5 is not. */
bool read_integer(lua_State *L, int index, long long *number)
{
	int is_number;
	lua_Integer n = lua_tointegerx(L, index, &is_number);
	if (!is_number || lua_type(L, index) != LUA_TNUMBER)
		return false;
	*number = (long long)n;
	return true;
}

/* Values owned by the anchor table at `anchor` (made there on first use
 * when the slot holds nil: most devices have no list): `count` of them,
 * zeroed. */
static struct acrn_value *anchored_values(lua_State *L, int anchor, size_t count)
{
	if (!lua_istable(L, anchor)) {
		lua_newtable(L);        /* anchor */
		lua_replace(L, anchor); /* */
	}
	struct acrn_value *values = lua_newuserdatauv(L, (count ? count : 1) * sizeof *values, 0);
	memset(values, 0, (count ? count : 1) * sizeof *values);
	lua_rawseti(L, anchor, (lua_Integer)lua_rawlen(L, anchor) + 1); /* (anchored) */
	return values;
}


/* The length of the list at `index`, or false with `why` when it has other
 * keys than 1..n. */
static bool list_length(lua_State *L, int index, const char *name, size_t *length, char *why,
			size_t size)
{
	size_t n = lua_rawlen(L, index), keys = 0;
	lua_pushnil(L);              /* nil */
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
	if (keys != n) /* a hole: a border is not the list's end */
		snprintf(why, size, "%s must be a list without holes (nil before its end)", name);
	return keys == n;
}

/* Reads the table at `index` as one record of `field` into `items`. */
static bool read_record(lua_State *L, int index, int anchor, const struct acrn_field *field,
			const char *name, struct acrn_value *items, char *why, size_t size)
{
	const struct acrn_record *record = field->record;
	if (!lua_istable(L, index) && field->shorthand) { /* a value stands for one field */
		int f = acrn_record_find(record, field->shorthand);
		return read_value(L, index, anchor, &record->fields[f], &items[f], why, size);
	}
	if (!lua_istable(L, index)) {
		snprintf(why, size, "%s must be a table, not %s", name, luaL_typename(L, index));
		return false;
	}
	lua_pushnil(L);              /* nil */
	while (lua_next(L, index)) { /* key value */
		const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
		int f = key ? acrn_record_find(record, key) : -1;
		if (f < 0) {
			size_t at = (size_t)snprintf(why, size,
						     "%s: unknown field %s%s%s (known:", name,
						     key ? "\"" : "",
						     key ? key : luaL_typename(L, -2),
						     key ? "\"" : "");
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
bool read_value(lua_State *L, int index, int anchor, const struct acrn_field *field,
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
		if (type != LUA_TTABLE && !field->shorthand)
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

/* Whether the value at `index` is text read at launch (acrn.host_file). */
static bool is_host_text(lua_State *L, int index)
{
	if (lua_type(L, index) != LUA_TTABLE || !lua_getmetatable(L, index)) /* mt */
		return false;
	lua_getfield(L, LUA_REGISTRYINDEX, HOST_TEXT_KEY); /* mt known */
	bool same = lua_rawequal(L, -1, -2);
	lua_pop(L, 2);
	return same;
}

/* The text kinds a field of host text may be. */
static bool takes_text(const struct acrn_field *field)
{
	switch (field->type) {
	case ACRN_TYPE_BOOL:
	case ACRN_TYPE_INTEGER:
	case ACRN_TYPE_LIST:
	case ACRN_TYPE_RECORD:
	case ACRN_TYPE_RECORDS:
		return false;
	default:
		return true;
	}
}

/* Reads the device table at `index` into `device` (see binding.h). */
bool read_device(lua_State *L, int index, int anchor, const struct acrn_emulation *emulation,
		 struct acrn_device *device, bool host_text)
{
	char why[256];
	memset(device, 0, sizeof *device);
	device->emulation = emulation;
	device->bus = device->slot = device->func = ACRN_UNSET;
	lua_pushnil(L);              /* nil */
	while (lua_next(L, index)) { /* key value */
		if (lua_type(L, -2) != LUA_TSTRING) {
			lua_pushfstring(L, "field names are strings, not %s",
					luaL_typename(L, -2)); /* key value msg */
			lua_replace(L, -3);                    /* msg value */
			lua_pop(L, 1);                         /* msg */
			return false;
		}
		const char *key = lua_tostring(L, -2);
		int f = acrn_field_find(emulation, key);
		if (f >= 0 && is_host_text(L, -1) && takes_text(&emulation->fields[f])) {
			if (!host_text) {
				lua_pop(L, 2); /* */
				lua_pushfstring(L,
						"%s is read on the host at launch (acrn.host_file): "
						"it has no value yet",
						key); /* msg */
				return false;
			}
		} else if (f >= 0) {
			if (!read_value(L, lua_gettop(L), anchor, &emulation->fields[f],
					&device->values[f], why, sizeof why)) {
				lua_pop(L, 2);          /* */
				lua_pushstring(L, why); /* msg */
				return false;
			}
		} else if (is_placement_key(key)) {
			long long number;
			int max = key[0] == 'b'   ? ACRN_BUS_MAX
				  : key[0] == 's' ? ACRN_SLOT_MAX
						  : ACRN_FUNC_MAX;
			if (!read_integer(L, -1, &number)) {
				lua_pushfstring(L, "%s must be an integer PCI %s number, not %s",
						key, key,
						luaL_tolstring(L, -1, NULL)); /* k v s msg */
				lua_replace(L, -4);                           /* msg v s */
				lua_pop(L, 2);                                /* msg */
				return false;
			}
			if (number < 0 || number > max) {
				lua_pop(L, 2); /* */
				lua_pushfstring(L, "%s %I is out of range 0-%d", key,
						(lua_Integer)number, max); /* msg */
				return false;
			}
			int *target = key[0] == 'b'   ? &device->bus
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

/* ---------------------------------------------------------------------------
 * Specs and plans
 */

const struct acrn_target *check_target(lua_State *L, int index, const char *where)
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
 * was made, errors about a VM field where it was set (spec.places[NAME]),
 * other VM-wide ones at spec.where. */
void push_build_error(lua_State *L, int spec, const struct acrn_error *error)
{
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	if (!error->device && error->option && error->option <= count) {
		if (lua_getfield(L, spec, "places") == LUA_TTABLE) { /* places */
			lua_getfield(L, -1,
				     options[error->option - 1].field.name); /* places where */
			lua_remove(L, -2);                                   /* where */
			if (lua_type(L, -1) == LUA_TSTRING) {
				lua_pushstring(L, error->message); /* where message */
				lua_concat(L, 2);
				return;
			}
		}
		lua_pop(L, 1); /* */
	}
	if (error->device) {
		lua_getfield(L, spec, "devices");                /* devices */
		lua_rawgeti(L, -1, (lua_Integer)error->device);  /* devices device */
		lua_getfield(L, LUA_REGISTRYINDEX, ORIGINS_KEY); /* devices device origins */
		lua_insert(L, -2);                               /* devices origins device */
		if (lua_rawget(L, -2) != LUA_TSTRING) {          /* devices origins where */
			lua_pop(L, 1);
			lua_pushliteral(L, "");
		}
		lua_replace(L, -3);                                 /* where origins */
		lua_pop(L, 1);                                      /* where */
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
void read_vm(lua_State *L, int spec, int anchor, struct acrn_vm *vm)
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
	lua_pop(L, 1);                                         /* where */
	if (lua_getfield(L, spec, "facts") == LUA_TUSERDATA)   /* where facts */
		vm->facts = luaL_checkudata(L, -1, FACTS_KEY); /* the spec keeps it alive */
	lua_pop(L, 1);                                         /* where */

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
	lua_rawseti(L, anchor,
		    (lua_Integer)lua_rawlen(L, anchor) + 1); /* where devices placements */
	for (size_t i = 0; i < count; i++) {
		lua_rawgeti(L, devices, (lua_Integer)i + 1); /* ... device */
		int device = lua_gettop(L);
		const struct acrn_emulation *emulation = device_emulation(L, device);
		if (!emulation)
			raise_at(L, where,
				 "device #%d is %s, not a device made by an acrn constructor",
				 (int)i + 1, luaL_typename(L, device));
		lua_getfield(L, LUA_REGISTRYINDEX, ORIGINS_KEY); /* ... device origins */
		lua_pushvalue(L, device);
		lua_rawget(L, -2); /* ... device origins origin */
		const char *origin = lua_tostring(L, -1);
		if (!read_device(L, device, anchor, emulation, &array[i],
				 false)) /* ... origin msg */
			raise_at(L, origin ? origin : "", "device #%d (%s): %s", (int)i + 1,
				 emulation->kind, lua_tostring(L, -1));
		lua_pop(L, 2); /* ... device */
		/* the layout's decision for devices it placed */
		if (lua_istable(L, placements) &&
		    lua_rawgeti(L, placements, (lua_Integer)i + 1) == LUA_TTABLE) {
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
			int *value = k == 0   ? &array[i].bus
				     : k == 1 ? &array[i].slot
					      : &array[i].func;
			if (*value == ACRN_UNSET && k != 1)
				*value = 0;
		}
		if (array[i].slot == ACRN_UNSET)
			raise_at(L, origin ? origin : "",
				 "device #%d (%s): has no slot (no layout placed it)", (int)i + 1,
				 emulation->kind);
	}
	vm->devices = array;
	vm->device_count = count;
	lua_pop(L, 3); /* */
}

/* Copies the list of strings at `index` into `strings`; raises on a
 * non-string before allocating anything. */
void read_strings(lua_State *L, int index, struct acrn_strings *strings)
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
