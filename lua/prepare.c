/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The acrn.core functions that prepare the host: the steps come from Lua as
 * a list of { step = "offline-cpu"|"bind-pci-stub"|"create-tap", object,
 * detail, done, undo } and go back with `done` and `undo` filled in, so
 * that they can be recorded with the VM's lock and undone later.
 */
#include "binding.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#define STEPS_MAX 256

static const char *const kinds[] = {"offline-cpu", "bind-pci-stub", "create-tap", NULL};

/* Copies a string field of the table at the top into `into`. */
static void string_field(lua_State *L, const char *name, char *into, size_t size, bool required)
{
	size_t length;
	lua_getfield(L, -1, name); /* step value */
	const char *text = lua_tolstring(L, -1, &length);
	if (!text && required)
		luaL_error(L, "host step: %s must be a string", name);
	if (text && length >= size)
		luaL_error(L, "host step: %s is too long", name);
	snprintf(into, size, "%s", text ? text : "");
	lua_pop(L, 1); /* step */
}

/* Reads the list of steps at `index` into `steps`; returns how many. */
static size_t read_steps(lua_State *L, int index, struct acrn_step *steps)
{
	size_t count = lua_rawlen(L, index);
	luaL_argcheck(L, count <= STEPS_MAX, index, "too many host steps");
	for (size_t i = 0; i < count; i++) {
		lua_rawgeti(L, index, (lua_Integer)i + 1); /* step */
		luaL_checktype(L, -1, LUA_TTABLE);
		lua_getfield(L, -1, "step"); /* step kind */
		steps[i] = (struct acrn_step){
			.kind = (enum acrn_step_kind)luaL_checkoption(L, -1, NULL, kinds)};
		lua_pop(L, 1); /* step */
		string_field(L, "object", steps[i].object, sizeof steps[i].object, true);
		string_field(L, "detail", steps[i].detail, sizeof steps[i].detail, false);
		string_field(L, "undo", steps[i].undo, sizeof steps[i].undo, false);
		lua_getfield(L, -1, "done"); /* step done */
		steps[i].done = lua_toboolean(L, -1);
		lua_pop(L, 2); /* */
	}
	return count;
}

/* Writes `done` and `undo` back into the step tables at `index`. */
static void write_back(lua_State *L, int index, const struct acrn_step *steps, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		lua_rawgeti(L, index, (lua_Integer)i + 1); /* step */
		lua_pushboolean(L, steps[i].done);
		lua_setfield(L, -2, "done");
		lua_pushstring(L, steps[i].undo);
		lua_setfield(L, -2, "undo");
		lua_pop(L, 1); /* */
	}
}

/* core.host_check(root, steps) -> true, or nil, message, errno. */
static int core_host_check(lua_State *L)
{
	struct acrn_step steps[STEPS_MAX];
	struct acrn_error error;
	const char *root = luaL_checkstring(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	size_t count = read_steps(L, 2, steps);
	for (size_t i = 0; i < count; i++) {
		int rc = acrn_step_check(root, &steps[i], &error);
		if (rc < 0) {
			lua_pushnil(L);
			lua_pushstring(L, error.message);
			lua_pushinteger(L, -rc);
			return 3;
		}
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* core.host_run(root, steps) -> true (steps updated), or nil, message,
 * errno after undoing what was done. */
static int core_host_run(lua_State *L)
{
	struct acrn_step steps[STEPS_MAX];
	struct acrn_error error;
	const char *root = luaL_checkstring(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	size_t count = read_steps(L, 2, steps);
	int rc = acrn_steps_run(root, steps, count, &error);
	if (rc < 0) {
		lua_pushnil(L);
		lua_pushstring(L, error.message);
		lua_pushinteger(L, -rc);
		return 3;
	}
	write_back(L, 2, steps, count);
	lua_pushboolean(L, 1);
	return 1;
}

/* core.host_undo(root, steps) -> true, or nil and the first problem; every
 * step done is undone, newest first, whatever fails. */
static int core_host_undo(lua_State *L)
{
	struct acrn_step steps[STEPS_MAX];
	struct acrn_error error, first = {0};
	const char *root = luaL_checkstring(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	size_t count = read_steps(L, 2, steps);
	bool failed = false;
	for (size_t i = count; i-- > 0;) {
		if (acrn_step_undo(root, &steps[i], &error) < 0 && !failed) {
			first = error;
			failed = true;
		}
		steps[i].done = false;
	}
	write_back(L, 2, steps, count);
	if (failed) {
		lua_pushnil(L);
		lua_pushstring(L, first.message);
		return 2;
	}
	lua_pushboolean(L, 1);
	return 1;
}

#define CPUS_MAX 1024

/* Host facts as a userdata: the engine's view and the storage behind it. */
struct host_facts {
	struct acrn_host_facts facts;
	struct acrn_cpu cpus[CPUS_MAX];
	char source[ACRN_PATH_MAX + 32];
};

/* core.host_facts(root[, recorded]) -> the host facts the engine takes:
 * each online CPU's LAPIC id from ROOT/proc/cpuinfo, plus the `recorded`
 * ones ({ { number = N, lapic_id = L }, … }: CPUs a launch took offline,
 * which cpuinfo no longer lists).  A cpuinfo that cannot be read gives no
 * CPUs, and its source says why. */
static int core_host_facts(lua_State *L)
{
	const char *root = luaL_optstring(L, 1, "/");
	lua_settop(L, 2);
	struct host_facts *host = lua_newuserdatauv(L, sizeof *host, 0); /* facts */
	size_t count;
	int rc = acrn_cpus_read(root, host->cpus, CPUS_MAX, &count);
	bool rooted = strcmp(root, "/") != 0;
	snprintf(host->source, sizeof host->source, "%s/proc/cpuinfo", rooted ? root : "");
	if (rc < 0) { /* no CPUs known: the engine says so if it needs one */
		count = 0;
		snprintf(host->source + strlen(host->source),
			 sizeof host->source - strlen(host->source), " (cannot read it: %s)",
			 strerror(-rc));
	}
	if (!lua_isnoneornil(L, 2)) {
		luaL_checktype(L, 2, LUA_TTABLE);
		for (lua_Integer i = 1; lua_rawgeti(L, 2, i) == LUA_TTABLE; i++) { /* facts cpu */
			unsigned number, lapic_id, known;
			lua_getfield(L, -1, "number");   /* facts cpu number */
			lua_getfield(L, -2, "lapic_id"); /* facts cpu number lapic */
			lua_Integer n = luaL_checkinteger(L, -2), l = luaL_checkinteger(L, -1);
			luaL_argcheck(L, n >= 0 && n < CPUS_MAX && l >= 0 && l <= 0xffffffffLL, 2,
				      "a CPU number or LAPIC id out of range");
			number = (unsigned)n;
			lapic_id = (unsigned)l;
			lua_pop(L, 3); /* facts */
			struct acrn_host_facts so_far = {host->cpus, count, NULL};
			if (acrn_cpu_lapic_id(&so_far, number, &known) == 0)
				continue; /* online again: cpuinfo knows best */
			luaL_argcheck(L, count < CPUS_MAX, 2, "too many CPUs");
			host->cpus[count++] = (struct acrn_cpu){number, lapic_id};
		}
		lua_pop(L, 1); /* facts */
		if (count)
			snprintf(host->source + strlen(host->source),
				 sizeof host->source - strlen(host->source),
				 " and the CPUs launches took offline");
	}
	host->facts = (struct acrn_host_facts){host->cpus, count, host->source};
	luaL_setmetatable(L, FACTS_KEY);
	return 1;
}

/* facts:cpus() -> { { number, lapic_id }, … } */
static int facts_cpus(lua_State *L)
{
	struct host_facts *host = luaL_checkudata(L, 1, FACTS_KEY);
	lua_createtable(L, (int)host->facts.cpu_count, 0); /* list */
	for (size_t i = 0; i < host->facts.cpu_count; i++) {
		lua_createtable(L, 0, 2); /* list cpu */
		lua_pushinteger(L, host->cpus[i].number);
		lua_setfield(L, -2, "number");
		lua_pushinteger(L, host->cpus[i].lapic_id);
		lua_setfield(L, -2, "lapic_id");
		lua_rawseti(L, -2, (lua_Integer)i + 1); /* list */
	}
	return 1;
}

static const luaL_Reg prepare_functions[] = {
	{"host_facts", core_host_facts},
	{"host_check", core_host_check},
	{"host_run", core_host_run},
	{"host_undo", core_host_undo},
	{NULL, NULL},
};

void prepare_open(lua_State *L)
{
	luaL_setfuncs(L, prepare_functions, 0);
	luaL_newmetatable(L, FACTS_KEY); /* core mt */
	lua_createtable(L, 0, 1);        /* core mt methods */
	lua_pushcfunction(L, facts_cpus);
	lua_setfield(L, -2, "cpus");
	lua_setfield(L, -2, "__index"); /* core mt */
	lua_pop(L, 1);                  /* core */
}
