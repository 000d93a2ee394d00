/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The acrn.core functions that touch the host for a VM's lifecycle: the
 * host facts the engine takes (LAPIC ids), the host steps (a list of
 * { step, object, detail, state, undo } tables: checked, run and undone,
 * each written down through a Lua function before and after it acts), the
 * lifecycle record (RUN_DIR/NAME.record, read and written by the host
 * toolkit), and what tells a VM's process from another.
 */
#include "binding.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#define STEPS_MAX 256

static const char *const states[] = {"planned", "started", "done", "undone", NULL};

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

/* Reads the list of steps at `index` into `steps` (room for STEPS_MAX);
 * returns how many. */
static size_t read_steps(lua_State *L, int index, struct acrn_step *steps)
{
	size_t count = lua_rawlen(L, index);
	luaL_argcheck(L, count <= STEPS_MAX, index, "too many host steps");
	for (size_t i = 0; i < count; i++) {
		lua_rawgeti(L, index, (lua_Integer)i + 1); /* step */
		luaL_checktype(L, -1, LUA_TTABLE);
		lua_getfield(L, -1, "step"); /* step kind */
		int kind = acrn_step_kind_find(luaL_checkstring(L, -1));
		if (kind < 0)
			luaL_error(L, "host step: unknown step %s", lua_tostring(L, -1));
		lua_getfield(L, -2, "state"); /* step kind state */
		steps[i] = (struct acrn_step){.kind = (enum acrn_step_kind)kind,
					      .state = (enum acrn_step_state)
						      luaL_checkoption(L, -1, "planned", states)};
		lua_pop(L, 2); /* step */
		string_field(L, "object", steps[i].object, sizeof steps[i].object, true);
		string_field(L, "detail", steps[i].detail, sizeof steps[i].detail, false);
		string_field(L, "undo", steps[i].undo, sizeof steps[i].undo, false);
		lua_pop(L, 1); /* */
	}
	return count;
}

void push_steps(lua_State *L, const struct acrn_step *steps, size_t count)
{
	char does[256];
	lua_createtable(L, (int)count, 0); /* list */
	for (size_t i = 0; i < count; i++) {
		lua_createtable(L, 0, 6); /* list step */
		set_string(L, "step", acrn_step_name(steps[i].kind));
		set_string(L, "object", steps[i].object);
		set_string(L, "detail", steps[i].detail);
		set_string(L, "state", states[steps[i].state]);
		set_string(L, "undo", steps[i].undo);
		acrn_step_describe(&steps[i], does, sizeof does);
		set_string(L, "does", does);
		lua_rawseti(L, -2, (lua_Integer)i + 1); /* list */
	}
}

/* Writes the steps down: calls the Lua journal function (at `function`)
 * with them; its error stops the steps. */
struct journal {
	lua_State *L;
	int function; /* 0: none */
	char message[ACRN_ERROR_MAX];
};

static int call_journal(void *context, const struct acrn_step *steps, size_t count)
{
	struct journal *journal = context;
	lua_State *L = journal->L;
	if (!journal->function)
		return 0;
	lua_pushvalue(L, journal->function);   /* fn */
	push_steps(L, steps, count);           /* fn steps */
	if (lua_pcall(L, 1, 2, 0) != LUA_OK) { /* message */
		snprintf(journal->message, sizeof journal->message, "%s", lua_tostring(L, -1));
		lua_pop(L, 1);
		return -EIO;
	}
	int rc = lua_toboolean(L, -2) ? 0 : -EIO; /* ok message */
	if (rc < 0)
		snprintf(journal->message, sizeof journal->message, "%s",
			 lua_tostring(L, -1) ? lua_tostring(L, -1) : "the journal failed");
	lua_pop(L, 2);
	return rc;
}

/* Replaces the list at `index` with the steps as they are now. */
static void write_back(lua_State *L, int index, const struct acrn_step *steps, size_t count)
{
	push_steps(L, steps, count); /* new */
	for (size_t i = 0; i < count; i++) {
		lua_rawgeti(L, -1, (lua_Integer)i + 1);    /* new step */
		lua_rawseti(L, index, (lua_Integer)i + 1); /* new */
	}
	lua_pop(L, 1);
}

/* Pushes nil, the message (the journal's own when it stopped the steps),
 * errno. */
static int push_failure(lua_State *L, const struct acrn_error *error, const struct journal *journal,
			int rc)
{
	lua_pushnil(L);
	lua_pushstring(L, journal->message[0] ? journal->message : error->message);
	lua_pushinteger(L, -rc);
	return 3;
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
			return push_error(L, rc, &error);
		}
	}
	lua_pushboolean(L, 1);
	return 1;
}

typedef int steps_fn(const char *root, struct acrn_step *steps, size_t count,
		     acrn_journal_fn *journal, void *context, struct acrn_error *error);

/* Runs or undoes (`act`) the steps at argument 2 under the root at 1, with
 * the journal function at 3 (optional); writes their states back. */
static int act_on_steps(lua_State *L, steps_fn *act)
{
	struct acrn_step steps[STEPS_MAX];
	struct acrn_error error;
	const char *root = luaL_checkstring(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	struct journal journal = {.L = L, .function = lua_isnoneornil(L, 3) ? 0 : 3};
	if (journal.function)
		luaL_checktype(L, 3, LUA_TFUNCTION);
	size_t count = read_steps(L, 2, steps);
	int rc = act(root, steps, count, call_journal, &journal, &error);
	write_back(L, 2, steps, count);
	if (rc < 0)
		return push_failure(L, &error, &journal, rc);
	lua_pushboolean(L, 1);
	return 1;
}

/* core.host_run(root, steps[, journal]) -> true, or nil, message, errno
 * after undoing what was done.  The steps' states are written back into
 * `steps`; journal(steps) -> true, or nil and why, is called before and
 * after each step acts (a false answer stops the steps). */
static int core_host_run(lua_State *L)
{
	return act_on_steps(L, acrn_steps_run);
}

/* core.host_undo(root, steps[, journal]) -> true, or nil and the first
 * problem; every step begun or done is undone, newest first, whatever
 * fails, and written down. */
static int core_host_undo(lua_State *L)
{
	return act_on_steps(L, acrn_steps_undo);
}

#define CPUS_MAX 1024

#define INPUTS_MAX 512
#define INPUT_POOL (64 * 1024)

/* The input devices, when asked for. */
struct host_inputs {
	struct acrn_input inputs[INPUTS_MAX];
	char pool[INPUT_POOL];
	char source[ACRN_PATH_MAX + 64];
};

/* Host facts as a userdata: the engine's view and the storage behind it
 * (`inputs` only when they were read). */
struct host_facts {
	struct acrn_host_facts facts;
	struct acrn_cpu cpus[CPUS_MAX];
	char source[ACRN_PATH_MAX + 32];
	struct host_inputs inputs[];
};

/* Reads ROOT/sys/class/input into `inputs`; returns how many.  A directory
 * that cannot be read (or holds too many) gives none, and the source says
 * why. */
static size_t read_inputs(const char *root, struct host_inputs *inputs)
{
	size_t count;
	int rc = acrn_inputs_read(root, inputs->inputs, INPUTS_MAX, &count, inputs->pool,
				  sizeof inputs->pool);
	snprintf(inputs->source, sizeof inputs->source, "%s/sys/class/input",
		 strcmp(root, "/") != 0 ? root : "");
	if (rc < 0) {
		count = 0;
		snprintf(inputs->source + strlen(inputs->source),
			 sizeof inputs->source - strlen(inputs->source), " (cannot read it: %s)",
			 strerror(-rc));
	}
	return count;
}

/* core.host_facts(root[, recorded[, inputs]]) -> the host facts the engine
 * takes: each online CPU's LAPIC id from ROOT/proc/cpuinfo, plus the
 * `recorded` ones ({ { number = N, lapic_id = L }, … }: CPUs a launch took
 * offline, which cpuinfo no longer lists); with `inputs`, the input devices
 * ROOT/sys/class/input lists.  A file that cannot be read gives no CPUs (or
 * inputs), and its source says why. */
static int core_host_facts(lua_State *L)
{
	const char *root = luaL_optstring(L, 1, "/");
	bool with_inputs = lua_toboolean(L, 3);
	lua_settop(L, 2);
	struct host_facts *host =
		lua_newuserdatauv(L, sizeof *host + (with_inputs ? sizeof host->inputs[0] : 0),
				  0); /* facts */
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
			struct acrn_host_facts so_far = {.cpus = host->cpus, .cpu_count = count};
			if (acrn_cpu_lapic_id(&so_far, number, &known) == 0)
				continue; /* online again: cpuinfo knows best */
			luaL_argcheck(L, count < CPUS_MAX, 2, "too many CPUs");
			host->cpus[count++] = (struct acrn_cpu){number, lapic_id};
		}
		lua_pop(L, 1); /* facts */
		if (lua_rawlen(L, 2) > 0)
			snprintf(host->source + strlen(host->source),
				 sizeof host->source - strlen(host->source),
				 " and the CPUs launches took offline");
	}
	host->facts = (struct acrn_host_facts){.cpus = host->cpus,
					       .cpu_count = count,
					       .source = host->source};
	if (with_inputs) {
		host->facts.input_count = read_inputs(root, host->inputs);
		host->facts.inputs = host->inputs->inputs;
		host->facts.inputs_source = host->inputs->source;
	}
	luaL_setmetatable(L, FACTS_KEY);
	return 1;
}

/* core.host_file(root, pattern) -> the first line of the one file the
 * pattern matches under ROOT/sys, or nil and why. */
static int core_host_file(lua_State *L)
{
	char text[4096];
	struct acrn_error error;
	if (acrn_host_file_read(luaL_checkstring(L, 1), luaL_checkstring(L, 2), text, sizeof text,
				&error) < 0) {
		lua_pushnil(L);
		lua_pushstring(L, error.message);
		return 2;
	}
	lua_pushstring(L, text);
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

/* ---------------------------------------------------------------------------
 * The lifecycle record
 */

/* A string field of the table at `index` as a malloc'd copy (NULL when
 * absent); raises when it is not a string. */
static char *string_copy(lua_State *L, int index, const char *name, bool *failed)
{
	char *copy = NULL;
	if (lua_getfield(L, index, name) != LUA_TNIL) { /* value */
		const char *text = luaL_checkstring(L, -1);
		copy = strdup(text);
		*failed = *failed || !copy;
	}
	lua_pop(L, 1);
	return copy;
}

static lua_Integer integer_field(lua_State *L, int index, const char *name)
{
	lua_getfield(L, index, name); /* value */
	lua_Integer value = luaL_optinteger(L, -1, 0);
	lua_pop(L, 1);
	return value;
}

/* Reads the record table at `index` into `record` (the caller frees it);
 * raises on a malformed table (after freeing what it read). */
static void read_record(lua_State *L, int index, struct acrn_launch_record *record)
{
	bool failed = false;
	*record = (struct acrn_launch_record){0};
	record->name = string_copy(L, index, "name", &failed);
	record->program = string_copy(L, index, "program", &failed);
	record->recipe = string_copy(L, index, "recipe", &failed);
	record->target = string_copy(L, index, "target", &failed);
	record->root = string_copy(L, index, "root", &failed);
	record->pid = (pid_t)integer_field(L, index, "pid");
	record->start_time = (unsigned long long)integer_field(L, index, "start_time");
	record->launcher = (pid_t)integer_field(L, index, "launcher");
	record->started = integer_field(L, index, "started");
	if (lua_getfield(L, index, "hash") == LUA_TSTRING) /* hash */
		snprintf(record->hash, sizeof record->hash, "%s", lua_tostring(L, -1));
	lua_pop(L, 1);
	if (lua_getfield(L, index, "ended_by") == LUA_TSTRING) /* ended_by */
		snprintf(record->ended_by, sizeof record->ended_by, "%s", lua_tostring(L, -1));
	lua_pop(L, 1);
	if (lua_getfield(L, index, "argv") == LUA_TTABLE) /* argv */
		for (lua_Integer i = 1; lua_rawgeti(L, -1, i) == LUA_TSTRING; i++) {
			failed = failed || acrn_strings_add(&record->argv, lua_tostring(L, -1)) < 0;
			lua_pop(L, 1);
		}
	lua_pop(L, 2);
	size_t count;
	if (lua_getfield(L, index, "consoles") == LUA_TTABLE && /* consoles */
	    (count = lua_rawlen(L, -1)) > 0) {
		record->consoles = calloc(count, sizeof *record->consoles);
		failed = failed || !record->consoles;
		for (size_t i = 0; record->consoles && i < count; i++) {
			lua_rawgeti(L, -1, (lua_Integer)i + 1); /* consoles console */
			int at = lua_gettop(L);
			struct acrn_record_console *c = &record->consoles[i];
			c->backend = string_copy(L, at, "backend", &failed);
			c->name = string_copy(L, at, "name", &failed);
			c->path = string_copy(L, at, "path", &failed);
			c->mode = string_copy(L, at, "mode", &failed);
			lua_getfield(L, at, "console");
			c->console = lua_toboolean(L, -1);
			lua_pop(L, 2); /* consoles */
			record->console_count = i + 1;
		}
	}
	lua_pop(L, 1);
	if (lua_getfield(L, index, "drives") == LUA_TTABLE && /* drives */
	    (count = lua_rawlen(L, -1)) > 0) {
		record->drives = calloc(count, sizeof *record->drives);
		failed = failed || !record->drives;
		for (size_t i = 0; record->drives && i < count; i++) {
			lua_rawgeti(L, -1, (lua_Integer)i + 1); /* drives drive */
			int at = lua_gettop(L);
			struct acrn_record_drive *d = &record->drives[i];
			d->index = integer_field(L, at, "index");
			d->bus = (int)integer_field(L, at, "bus");
			d->slot = (int)integer_field(L, at, "slot");
			d->func = (int)integer_field(L, at, "func");
			d->filled = string_copy(L, at, "filled", &failed);
			lua_pop(L, 1); /* drives */
			record->drive_count = i + 1;
		}
	}
	lua_pop(L, 1);
	if (lua_getfield(L, index, "steps") == LUA_TTABLE) { /* steps */
		struct acrn_step steps[STEPS_MAX];
		count = read_steps(L, lua_gettop(L), steps);
		record->steps = malloc((count ? count : 1) * sizeof *record->steps);
		failed = failed || !record->steps;
		if (record->steps) {
			memcpy(record->steps, steps, count * sizeof *steps);
			record->step_count = count;
		}
	}
	lua_pop(L, 1);
	if (failed) {
		acrn_launch_record_free(record);
		luaL_error(L, "out of memory");
	}
}

static void push_record(lua_State *L, const struct acrn_launch_record *record)
{
	lua_createtable(L, 0, 16); /* record */
	set_string(L, "name", record->name);
	set_string(L, "program", record->program);
	set_string(L, "recipe", record->recipe);
	set_string(L, "target", record->target);
	set_string(L, "root", record->root);
	set_string(L, "hash", record->hash);
	if (record->ended_by[0])
		set_string(L, "ended_by", record->ended_by);
	lua_pushinteger(L, record->pid);
	lua_setfield(L, -2, "pid");
	lua_pushinteger(L, (lua_Integer)record->start_time);
	lua_setfield(L, -2, "start_time");
	lua_pushinteger(L, record->launcher);
	lua_setfield(L, -2, "launcher");
	lua_pushinteger(L, record->started);
	lua_setfield(L, -2, "started");
	push_strings(L, &record->argv);
	lua_setfield(L, -2, "argv");
	lua_createtable(L, (int)record->console_count, 0); /* record consoles */
	for (size_t i = 0; i < record->console_count; i++) {
		const struct acrn_record_console *c = &record->consoles[i];
		lua_createtable(L, 0, 5);
		set_string(L, "backend", c->backend);
		set_string(L, "name", c->name);
		set_string(L, "path", c->path);
		set_string(L, "mode", c->mode);
		lua_pushboolean(L, c->console);
		lua_setfield(L, -2, "console");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "consoles");
	lua_createtable(L, (int)record->drive_count, 0); /* record drives */
	for (size_t i = 0; i < record->drive_count; i++) {
		const struct acrn_record_drive *d = &record->drives[i];
		lua_createtable(L, 0, 5);
		lua_pushinteger(L, d->index);
		lua_setfield(L, -2, "index");
		lua_pushinteger(L, d->bus);
		lua_setfield(L, -2, "bus");
		lua_pushinteger(L, d->slot);
		lua_setfield(L, -2, "slot");
		lua_pushinteger(L, d->func);
		lua_setfield(L, -2, "func");
		set_string(L, "filled", d->filled);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "drives");
	push_steps(L, record->steps, record->step_count);
	lua_setfield(L, -2, "steps");
}

/* core.record_write(directory, record) -> true, or nil, message, errno. */
static int core_record_write(lua_State *L)
{
	const char *directory = luaL_checkstring(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	struct acrn_launch_record record;
	struct acrn_error error;
	read_record(L, 2, &record);
	luaL_argcheck(L, record.name && record.program && record.pid > 0, 2,
		      "a record needs a name, a program and a pid");
	int rc = acrn_launch_record_write(directory, &record, &error);
	acrn_launch_record_free(&record);
	if (rc < 0) {
		return push_error(L, rc, &error);
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* core.record_read(directory, name) -> the record, or nil, message, errno
 * (ENOENT: no record). */
static int core_record_read(lua_State *L)
{
	struct acrn_launch_record record;
	struct acrn_error error;
	int rc = acrn_launch_record_read(luaL_checkstring(L, 1), luaL_checkstring(L, 2), &record,
					 &error);
	if (rc < 0) {
		return push_error(L, rc, &error);
	}
	push_record(L, &record);
	acrn_launch_record_free(&record);
	return 1;
}

/* core.record_remove(directory, name) -> true, or nil, message. */
static int core_record_remove(lua_State *L)
{
	int rc = acrn_launch_record_remove(luaL_checkstring(L, 1), luaL_checkstring(L, 2));
	if (rc < 0) {
		lua_pushnil(L);
		lua_pushstring(L, strerror(-rc));
		return 2;
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* core.process_start(pid) -> when it started (clock ticks since boot), or
 * nil, message, errno (ESRCH: no such process). */
static int core_process_start(lua_State *L)
{
	unsigned long long ticks;
	int rc = acrn_process_start_time(NULL, (pid_t)luaL_checkinteger(L, 1), &ticks);
	if (rc < 0) {
		lua_pushnil(L);
		lua_pushstring(L, strerror(-rc));
		lua_pushinteger(L, -rc);
		return 3;
	}
	lua_pushinteger(L, (lua_Integer)ticks);
	return 1;
}

/* core.signal_process(pid, start_time, signal) -> true, or nil, message,
 * errno (ESRCH: that process is gone, whoever has its number now). */
static int core_signal_process(lua_State *L)
{
	lua_Integer pid = luaL_checkinteger(L, 1);
	luaL_argcheck(L, pid > 1, 1, "not a process to signal");
	int rc = acrn_process_signal((pid_t)pid, (unsigned long long)luaL_checkinteger(L, 2),
				     (int)luaL_checkinteger(L, 3));
	if (rc < 0) {
		lua_pushnil(L);
		lua_pushstring(L, strerror(-rc));
		lua_pushinteger(L, -rc);
		return 3;
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* core.monitor_stop(directory, name, pid, major, timeout) -> acrn-dm's
 * answer to DM_STOP (0: it asked the guest; -1: no power management
 * channel), or nil, message, errno (nothing reached acrn-dm; EPERM: the
 * socket is not served by that pid, and nothing was sent). */
static int core_monitor_stop(lua_State *L)
{
	const char *directory = luaL_checkstring(L, 1);
	const char *name = luaL_checkstring(L, 2);
	lua_Integer pid = luaL_checkinteger(L, 3);
	lua_Integer major = luaL_checkinteger(L, 4);
	lua_Number timeout = luaL_checknumber(L, 5);
	luaL_argcheck(L, pid > 1, 3, "not acrn-dm's pid");
	luaL_argcheck(L, timeout > 0 && timeout < 3600, 5, "seconds between 0 and 3600");
	struct acrn_error error;
	int answer = 0;
	int rc = acrn_monitor_stop(directory, name, (pid_t)pid, (int)major, (int)(timeout * 1000),
				   &answer, &error);
	if (rc < 0) {
		return push_error(L, rc, &error);
	}
	lua_pushinteger(L, answer);
	return 1;
}

/* core.monitor_path(directory, name, pid) -> the path of acrn-dm's monitor
 * socket. */
static int core_monitor_path(lua_State *L)
{
	char path[ACRN_PATH_MAX];
	if (acrn_monitor_path(luaL_checkstring(L, 1), luaL_checkstring(L, 2),
			      (pid_t)luaL_checkinteger(L, 3), path, sizeof path) < 0)
		return luaL_error(L, "the monitor socket's path is too long");
	lua_pushstring(L, path);
	return 1;
}

/* core.notify(address, state) -> true, or nil, message, errno: one
 * datagram of systemd's notify protocol. */
static int core_notify(lua_State *L)
{
	struct acrn_error error;
	int rc = acrn_notify_send(luaL_checkstring(L, 1), luaL_checkstring(L, 2), &error);
	if (rc < 0) {
		return push_error(L, rc, &error);
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* core.stderr_is_journal(journal_stream) -> whether stderr is the stream
 * $JOURNAL_STREAM names. */
static int core_stderr_is_journal(lua_State *L)
{
	lua_pushboolean(L, acrn_fd_is_journal(2, luaL_optstring(L, 1, NULL)));
	return 1;
}

/* core.trusted_read(path, every_directory) -> the text of a file to run as
 * trusted code (a site policy), or nil, message, errno (ENOENT: it, or a
 * directory above it, is missing); see acrn_trusted_read. */
static int core_trusted_read(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	char *text;
	size_t length;
	struct acrn_error error;
	int rc = acrn_trusted_read(path, lua_toboolean(L, 2), &text, &length, &error);
	if (rc < 0) {
		return push_error(L, rc, &error);
	}
	push_owned(L, text, length); /* text */
	return 1;
}

static const luaL_Reg host_functions[] = {
	{"monitor_stop", core_monitor_stop},
	{"monitor_path", core_monitor_path},
	{"notify", core_notify},
	{"stderr_is_journal", core_stderr_is_journal},
	{"record_write", core_record_write},
	{"record_read", core_record_read},
	{"record_remove", core_record_remove},
	{"process_start", core_process_start},
	{"signal_process", core_signal_process},
	{"host_facts", core_host_facts},
	{"host_file", core_host_file},
	{"host_check", core_host_check},
	{"host_run", core_host_run},
	{"host_undo", core_host_undo},
	{"trusted_read", core_trusted_read},
	{NULL, NULL},
};

void host_open(lua_State *L)
{
	luaL_setfuncs(L, host_functions, 0);
	lua_pushliteral(L, ACRN_MONITOR_DIR); /* core dir */
	lua_setfield(L, -2, "monitor_dir");   /* core */
	luaL_newmetatable(L, FACTS_KEY);      /* core mt */
	lua_createtable(L, 0, 1);             /* core mt methods */
	lua_pushcfunction(L, facts_cpus);
	lua_setfield(L, -2, "cpus");
	lua_setfield(L, -2, "__index"); /* core mt */
	lua_pop(L, 1);                  /* core */
}
