/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The checked plan as a Lua value: core.build(spec) checks the VM the spec
 * describes and returns a userdata that owns a copy of it (in an arena) and
 * its plan: the argv, the placed devices, the host steps, the consoles and
 * drives.  Everything after the check asks the plan: its argv, its host
 * checks, its exec.  A problem is raised at the recipe line of the device
 * or VM it concerns (the spec, kept as the plan's user value, says where).
 */
#include "binding.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

struct plan_object {
	struct acrn_vm vm; /* the checked VM, in `arena` */
	struct acrn_arena arena;
	struct acrn_plan plan;
};

static struct plan_object *check_plan(lua_State *L)
{
	return luaL_checkudata(L, 1, PLAN_KEY);
}

static int plan_gc(lua_State *L)
{
	struct plan_object *object = luaL_checkudata(L, 1, PLAN_KEY);
	acrn_plan_free(&object->plan);
	acrn_arena_free(&object->arena);
	return 0;
}

void push_strings(lua_State *L, const struct acrn_strings *strings)
{
	lua_createtable(L, (int)strings->count, 0); /* list */
	for (size_t i = 0; i < strings->count; i++) {
		lua_pushstring(L, strings->items[i]);   /* list item */
		lua_rawseti(L, -2, (lua_Integer)i + 1); /* list */
	}
}

/* Pushes `error`'s message at the recipe line of what it concerns. */
static void push_plan_error(lua_State *L, int plan, const struct acrn_error *error)
{
	lua_getiuservalue(L, plan, 1);             /* spec */
	push_build_error(L, lua_gettop(L), error); /* spec message */
	lua_remove(L, -2);                         /* message */
}

/* core.build(spec) -> the plan, or raises at the recipe's line.
 * spec: { where, target, facts, name, <options>…, devices, placements }. */
static int core_build(lua_State *L)
{
	struct acrn_vm vm;
	struct acrn_error error;
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_newtable(L); /* spec anchor */
	read_vm(L, 1, 2, &vm);
	struct plan_object *object = lua_newuserdatauv(L, sizeof *object, 1); /* spec anchor plan */
	memset(object, 0, sizeof *object);
	luaL_setmetatable(L, PLAN_KEY);
	lua_pushvalue(L, 1);         /* spec anchor plan spec */
	lua_setiuservalue(L, -2, 1); /* spec anchor plan */
	if (acrn_vm_copy(&vm, &object->vm, &object->arena) < 0)
		return luaL_error(L, "out of memory");
	int rc = acrn_build(&object->vm, &object->plan, &error);
	if (rc == -ENOMEM)
		return luaL_error(L, "out of memory");
	if (rc < 0) {
		push_build_error(L, 1, &error);
		return lua_error(L);
	}
	return 1;
}

/* plan:argv() -> the arguments after the program. */
static int plan_argv(lua_State *L)
{
	push_strings(L, &check_plan(L)->plan.argv);
	return 1;
}

/* plan:warnings() -> what is accepted but worth saying. */
static int plan_warnings(lua_State *L)
{
	push_strings(L, &check_plan(L)->plan.warnings);
	return 1;
}

/* plan:name(), plan:target() */
static int plan_name(lua_State *L)
{
	struct plan_object *object = check_plan(L);
	lua_pushlstring(L, object->vm.name.text, object->vm.name.length);
	return 1;
}

static int plan_target(lua_State *L)
{
	lua_pushstring(L, check_plan(L)->vm.target->name);
	return 1;
}

/* plan:devices() -> { { index, bus, slot, func, kind, arg }, … } in
 * bus:slot:func order; index counts the recipe's devices from 1. */
static int plan_devices(lua_State *L)
{
	struct plan_object *object = check_plan(L);
	const struct acrn_plan *plan = &object->plan;
	lua_createtable(L, (int)plan->device_count, 0); /* devices */
	for (size_t p = 0; p < plan->device_count; p++) {
		const struct acrn_placed_device *placed = &plan->devices[p];
		lua_createtable(L, 0, 6); /* devices entry */
		lua_pushinteger(L, (lua_Integer)placed->device);
		lua_setfield(L, -2, "index");
		lua_pushinteger(L, placed->bus);
		lua_setfield(L, -2, "bus");
		lua_pushinteger(L, placed->slot);
		lua_setfield(L, -2, "slot");
		lua_pushinteger(L, placed->func);
		lua_setfield(L, -2, "func");
		set_string(L, "kind", object->vm.devices[placed->device - 1].emulation->kind);
		set_string(L, "arg", plan->argv.items[placed->argument]);
		lua_rawseti(L, -2, (lua_Integer)p + 1); /* devices */
	}
	return 1;
}

/* plan:origins() -> per argument, what put it there: a device number, a VM
 * field's name, or "name". */
static int plan_origins(lua_State *L)
{
	const struct acrn_plan *plan = &check_plan(L)->plan;
	size_t count;
	const struct acrn_option *options = acrn_options(&count);
	lua_createtable(L, (int)plan->argv.count, 0); /* origins */
	for (size_t i = 0; i < plan->argv.count; i++) {
		const struct acrn_argument_origin *origin = &plan->origins[i];
		if (origin->kind == ACRN_ORIGIN_DEVICE)
			lua_pushinteger(L, (lua_Integer)origin->index);
		else if (origin->kind == ACRN_ORIGIN_OPTION)
			lua_pushstring(L, options[origin->index].field.name);
		else
			lua_pushliteral(L, "name");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* plan:steps() -> the host steps, each { step, object, detail, state,
 * undo, does } (host.c runs such lists). */
static int plan_steps(lua_State *L)
{
	const struct acrn_plan *plan = &check_plan(L)->plan;
	push_steps(L, plan->steps, plan->step_count);
	return 1;
}

/* plan:consoles() -> { { backend, name, path, mode, console }, … } */
static int plan_consoles(lua_State *L)
{
	const struct acrn_plan *plan = &check_plan(L)->plan;
	lua_createtable(L, (int)plan->console_count, 0); /* consoles */
	for (size_t i = 0; i < plan->console_count; i++) {
		const struct acrn_console *console = &plan->consoles[i];
		lua_createtable(L, 0, 5); /* consoles console */
		set_string(L, "backend", console->backend);
		set_string(L, "name", console->name);
		set_string(L, "path", console->path);
		set_string(L, "mode", console->mode);
		lua_pushboolean(L, console->console);
		lua_setfield(L, -2, "console");
		lua_rawseti(L, -2, (lua_Integer)i + 1); /* consoles */
	}
	return 1;
}

/* plan:drives() -> { { index, bus, slot, func }, … } */
static int plan_drives(lua_State *L)
{
	const struct acrn_plan *plan = &check_plan(L)->plan;
	lua_createtable(L, (int)plan->drive_count, 0); /* drives */
	for (size_t i = 0; i < plan->drive_count; i++) {
		const struct acrn_drive *drive = &plan->drives[i];
		lua_createtable(L, 0, 4); /* drives drive */
		lua_pushinteger(L, drive->index);
		lua_setfield(L, -2, "index");
		lua_pushinteger(L, drive->bus);
		lua_setfield(L, -2, "bus");
		lua_pushinteger(L, drive->slot);
		lua_setfield(L, -2, "slot");
		lua_pushinteger(L, drive->func);
		lua_setfield(L, -2, "func");
		lua_rawseti(L, -2, (lua_Integer)i + 1); /* drives */
	}
	return 1;
}

/* plan:command(program) -> the command line, shell-quoted. */
static int plan_command(lua_State *L)
{
	const struct acrn_plan *plan = &check_plan(L)->plan;
	char *line = acrn_command_line(luaL_checkstring(L, 2), &plan->argv);
	if (!line)
		return luaL_error(L, "out of memory");
	lua_pushstring(L, line);
	free(line);
	return 1;
}

/* plan:hash(program) -> 16 hex digits that change with the command. */
static int plan_hash(lua_State *L)
{
	char hash[17];
	acrn_plan_hash(luaL_checkstring(L, 2), &check_plan(L)->plan.argv, hash);
	lua_pushstring(L, hash);
	return 1;
}

static int push_path(void *context, const struct acrn_host_path *path)
{
	static const char *const needs[] = {
		[ACRN_HOST_NONE] = "none",         [ACRN_HOST_FILE] = "file",
		[ACRN_HOST_DISK] = "disk",         [ACRN_HOST_TTY] = "tty",
		[ACRN_HOST_UART] = "uart",         [ACRN_HOST_EVDEV] = "evdev",
		[ACRN_HOST_SOCKET] = "socket",     [ACRN_HOST_SOCKET_DIR] = "new socket",
		[ACRN_HOST_NEW_FILE] = "new file",
	};
	lua_State *L = context;
	lua_createtable(L, 0, 5); /* paths path */
	set_string(L, "owner", path->owner);
	set_string(L, "field", path->field->name);
	set_string(L, "path", path->path);
	set_string(L, "need", needs[path->need]);
	lua_pushinteger(L, (lua_Integer)path->device);
	lua_setfield(L, -2, "device");
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1); /* paths */
	return 0;
}

/* plan:host_paths() -> every host path the VM names: { { owner, device,
 * field, path, need }, … }. */
static int plan_host_paths(lua_State *L)
{
	struct plan_object *object = check_plan(L);
	lua_newtable(L); /* paths */
	acrn_vm_host_paths(&object->vm, push_path, L);
	return 1;
}

/* plan:check_host(program, root) -> true, or nil, message, errno: acrn-dm
 * executable, the files the VM names as their fields need them, and the
 * preconditions of its host steps. */
static int plan_check_host(lua_State *L)
{
	struct plan_object *object = check_plan(L);
	const char *program = luaL_checkstring(L, 2);
	const char *root = luaL_optstring(L, 3, "/");
	struct acrn_error error;
	int rc = acrn_host_check(&object->vm, program, &error);
	for (size_t i = 0; rc == 0 && i < object->plan.step_count; i++)
		rc = acrn_step_check(root, &object->plan.steps[i], &error);
	if (rc == 0) {
		lua_pushboolean(L, 1);
		return 1;
	}
	lua_pushnil(L);                /* nil */
	push_plan_error(L, 1, &error); /* nil message */
	lua_pushinteger(L, -rc);       /* nil message errno */
	return 3;
}

/* plan:exec(program) -> only on failure: nil, message, errno. */
static int plan_exec(lua_State *L)
{
	struct plan_object *object = check_plan(L);
	struct acrn_error error;
	fflush(NULL);
	int rc = acrn_exec(luaL_checkstring(L, 2), &object->plan.argv, &error);
	return push_error(L, rc, &error);
}

/* core.raw_slots(raw) -> { { bus, slot, func }, … }: the slots the -s
 * arguments in a list of raw acrn-dm arguments take. */
static int core_raw_slots(lua_State *L)
{
	struct acrn_strings words = {0};
	luaL_checktype(L, 1, LUA_TTABLE);
	read_strings(L, 1, &words);
	struct acrn_value *items = calloc(words.count ? words.count : 1, sizeof *items);
	struct acrn_slot slots[64];
	if (!items) {
		acrn_strings_free(&words);
		return luaL_error(L, "out of memory");
	}
	for (size_t i = 0; i < words.count; i++)
		items[i] = (struct acrn_value){.set = true,
					       .text = words.items[i],
					       .length = strlen(words.items[i])};
	struct acrn_value raw = {.set = true, .items = items, .count = words.count};
	size_t count = acrn_raw_slots(&raw, slots, 64);
	free(items);
	acrn_strings_free(&words);
	lua_createtable(L, (int)(count < 64 ? count : 64), 0); /* slots */
	for (size_t i = 0; i < count && i < 64; i++) {
		lua_createtable(L, 0, 3); /* slots slot */
		lua_pushinteger(L, slots[i].bus);
		lua_setfield(L, -2, "bus");
		lua_pushinteger(L, slots[i].slot);
		lua_setfield(L, -2, "slot");
		lua_pushinteger(L, slots[i].func);
		lua_setfield(L, -2, "func");
		lua_rawseti(L, -2, (lua_Integer)i + 1); /* slots */
	}
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

static const luaL_Reg plan_methods[] = {
	{"argv", plan_argv},
	{"warnings", plan_warnings},
	{"name", plan_name},
	{"target", plan_target},
	{"devices", plan_devices},
	{"origins", plan_origins},
	{"steps", plan_steps},
	{"consoles", plan_consoles},
	{"drives", plan_drives},
	{"command", plan_command},
	{"hash", plan_hash},
	{"host_paths", plan_host_paths},
	{"check_host", plan_check_host},
	{"exec", plan_exec},
	{NULL, NULL},
};

static const luaL_Reg plan_functions[] = {
	{"build", core_build},
	{"command", core_command},
	{"raw_slots", core_raw_slots},
	{NULL, NULL},
};

void plan_open(lua_State *L)
{
	luaL_setfuncs(L, plan_functions, 0); /* core */
	luaL_newmetatable(L, PLAN_KEY);      /* core mt */
	lua_pushcfunction(L, plan_gc);
	lua_setfield(L, -2, "__gc");
	lua_pushliteral(L, "acrn.plan");
	lua_setfield(L, -2, "__name");
	lua_pushliteral(L, "acrn.plan");
	lua_setfield(L, -2, "__metatable");
	luaL_newlib(L, plan_methods);   /* core mt methods */
	lua_setfield(L, -2, "__index"); /* core mt */
	lua_pop(L, 1);                  /* core */
}
