/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the files of the binding: registry keys and the functions that
 * turn Lua values into the core's structures (spec.c). */
#ifndef ACRN_BINDING_H
#define ACRN_BINDING_H

#include "host.h"

#include <lua.h>

#define INTERNAL_KEY "acrn.internal"   /* set of chunk sources of acrn's own modules */
#define ORIGINS_KEY "acrn.origins"     /* weak table: device -> "file:line: " */
#define PLAN_KEY "acrn.plan"           /* metatable of the owned C plan */
#define FACTS_KEY "acrn.facts"         /* metatable of host facts (struct host_facts) */
#define HOST_TEXT_KEY "acrn.host_text" /* metatable of text read at launch (host_text.lua) */

/* "string", "path", "records": a field type as Lua sees it. */
const char *field_type_name(enum acrn_type type);

/* Reads an integer without losing anything: 3 and 3.0 are 3, 3.5 is not. */
bool read_integer(lua_State *L, int index, long long *number);

/* Reads the Lua value at `index` into `value` as `field` wants it; arrays
 * go into the anchor table at `anchor` (a stack slot that may hold nil
 * until an array needs the table).  false with a reason in `why`. */
bool read_value(lua_State *L, int index, int anchor, const struct acrn_field *field,
		struct acrn_value *value, char *why, size_t size);

/* Reads the device table at `index`; on failure pushes the message (without
 * place) and returns false.  With `host_text`, a field that holds text
 * read at launch (acrn.host_file) is taken as a string yet to come and
 * left unset (what a constructor checks); without, it is refused. */
bool read_device(lua_State *L, int index, int anchor, const struct acrn_emulation *emulation,
		 struct acrn_device *device, bool host_text);

/* The emulation of a device made by a constructor, or NULL. */
const struct acrn_emulation *device_emulation(lua_State *L, int index);

/* Pushes the metatable of the devices of `emulation` (made on first use:
 * a launch makes devices of a few kinds of the catalogue's dozens). */
void push_device_metatable(lua_State *L, const struct acrn_emulation *emulation);

/* The target named by the value at `index`; raises (after `where`) listing
 * the known ones when there is none. */
const struct acrn_target *check_target(lua_State *L, int index, const char *where);

/* Pushes the core's error message at the place of the device it names, or
 * of the VM (spec.where). */
void push_build_error(lua_State *L, int spec, const struct acrn_error *error);

/* Reads the spec table at `spec` into `vm`, arrays anchored at `anchor`;
 * raises on anything the core cannot read. */
void read_vm(lua_State *L, int spec, int anchor, struct acrn_vm *vm);

/* Copies the list of strings at `index` into `strings`; raises on a
 * non-string before allocating anything. */
void read_strings(lua_State *L, int index, struct acrn_strings *strings);

/* Pushes `length` bytes malloc'd at `bytes` (NULL when 0) as a string and
 * frees them, also when the state's allocator refuses the string (then it
 * raises, as Lua does when out of memory). */
void push_owned(lua_State *L, char *bytes, size_t length);

/* Pushes nil, the error's message and the errno (`rc` negated), as a core
 * function that failed returns them; returns 3. */
int push_error(lua_State *L, int rc, const struct acrn_error *error);

/* Sets field `key` of the table on top of the stack to the string `value`;
 * a NULL value sets nothing. */
static inline void set_string(lua_State *L, const char *key, const char *value)
{
	if (value) {
		lua_pushstring(L, value);
		lua_setfield(L, -2, key);
	}
}

/* Pushes a list of strings. */
void push_strings(lua_State *L, const struct acrn_strings *strings);
/* Pushes host steps as a list of { step, object, detail, state, undo, does }. */
void push_steps(lua_State *L, const struct acrn_step *steps, size_t count);

/* Add their functions to the core table on top of the stack: running VMs
 * (process.c), the host facts, steps and records (host.c), the plan
 * (plan.c), the sandbox's child and its answer (sandbox.c). */
void process_open(lua_State *L);
void host_open(lua_State *L);
void plan_open(lua_State *L);
/* Adds the functions that read acrn-dm's words back (scan.c). */
void scan_open(lua_State *L);
void sandbox_open(lua_State *L);

#endif
