/* SPDX-License-Identifier: Apache-2.0 */
/*
 * acrn-launch: a Lua state with the acrn modules, handing the command line
 * to acrn.cli.  The modules are compiled into the binary; with
 * $ACRN_LAUNCH_SCRIPTS set they come from that directory instead (for
 * working on them), which root never honours: no variable of the
 * environment chooses the code a root launcher runs (doc/security.md).
 * What is not built in (dkjson, profiles a site installs) is looked up
 * only in the system's Lua directories, those Lua was built with, never
 * through $LUA_PATH or $LUA_CPATH, and never in a relative directory.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "host.h"
#include "embedded.h"

#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <luaconf.h>
#include <lualib.h>

int luaopen_acrn_core(lua_State *L);
int luaopen_acrn_editline(lua_State *L);

/* The collector's pause (how much the heap grows, in percent, before a
 * new cycle) while the modules load, and Lua's default after. */
#define GC_PAUSE_LOADING 1000
#define GC_PAUSE 200

/* Appends to `b` the absolute entries of the search path `list`, joined
 * with ';' (relative ones, "./?.lua", are left out). */
static void add_absolute(luaL_Buffer *b, const char *list)
{
	bool first = true;
	while (*list) {
		size_t length = strcspn(list, ";");
		if (list[0] == '/') {
			if (!first)
				luaL_addchar(b, ';');
			luaL_addlstring(b, list, length);
			first = false;
		}
		list += length;
		if (*list == ';')
			list++;
	}
}

/* Run first, protected, with the scripts directory (argument 1):
 * package.path and cpath become the absolute entries of Lua's built-in
 * defaults, with the scripts directory in front of the path; returns
 * acrn.cli's main.  (In C: compiling a chunk for it cost each start.) */
static int setup(lua_State *L)
{
	const char *scripts = luaL_checkstring(L, 1);
	luaL_Buffer b;
	lua_getglobal(L, "package"); /* scripts package */
	luaL_buffinit(L, &b);
	luaL_addstring(&b, scripts);
	luaL_addstring(&b, "/?.lua;");
	luaL_addstring(&b, scripts);
	luaL_addstring(&b, "/?/init.lua;");
	add_absolute(&b, LUA_PATH_DEFAULT);
	luaL_pushresult(&b);        /* scripts package path */
	lua_setfield(L, 2, "path"); /* scripts package */
	luaL_buffinit(L, &b);
	add_absolute(&b, LUA_CPATH_DEFAULT);
	luaL_pushresult(&b);         /* scripts package cpath */
	lua_setfield(L, 2, "cpath"); /* scripts package */
	lua_getglobal(L, "require"); /* scripts package require */
	lua_pushliteral(L, "acrn.cli");
	lua_call(L, 1, 1);           /* scripts package cli */
	lua_getfield(L, -1, "main"); /* scripts package cli main */
	return 1;
}

/* A package.searchers entry for the modules compiled into acrn-launch:
 * returns a loader, or a message saying it has no such module. */
static int embedded_searcher(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	for (const struct embedded_module *module = embedded_modules; module->name; module++) {
		if (strcmp(module->name, name) != 0)
			continue;
		lua_pushfstring(L, "=[acrn-launch] %s", name); /* name chunkname */
		if (luaL_loadbufferx(L, (const char *)module->bytecode, module->size,
				     lua_tostring(L, -1), "b") != LUA_OK)
			return lua_error(L);
		lua_pushstring(L, name); /* name chunkname loader name */
		return 2;
	}
	lua_pushfstring(L, "no module '%s' in acrn-launch", name);
	return 1;
}

/* Puts the embedded searcher first, after the preload one. */
static void add_embedded_searcher(lua_State *L)
{
	lua_getglobal(L, "package");      /* package */
	lua_getfield(L, -1, "searchers"); /* package searchers */
	for (lua_Integer i = (lua_Integer)lua_rawlen(L, -1); i >= 2; i--) {
		lua_rawgeti(L, -1, i);     /* package searchers s */
		lua_rawseti(L, -2, i + 1); /* package searchers */
	}
	lua_pushcfunction(L, embedded_searcher); /* package searchers searcher */
	lua_rawseti(L, -2, 2);                   /* package searchers */
	lua_pop(L, 2);                           /* */
}

/* Runs acrn.cli.main(argv) and returns its exit status. */
static int run(lua_State *L, int argc, char **argv)
{
	const char *scripts = getenv("ACRN_LAUNCH_SCRIPTS");
	if (scripts && *scripts && (geteuid() == 0 || geteuid() != getuid())) {
		fputs("acrn-launch: ACRN_LAUNCH_SCRIPTS is not honoured for root: the launcher "
		      "runs the modules built into it (unset it)\n",
		      stderr);
		return 2;
	}
	/* What the libraries and modules make stays alive: the collector
	 * waits for a tenfold heap while they load (a short-lived launch then
	 * rarely collects), and Lua's default twofold once they are there. */
	lua_gc(L, LUA_GCINC, GC_PAUSE_LOADING, 0, 0);
	luaL_openlibs(L);
	luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE); /* preload */
	lua_pushcfunction(L, luaopen_acrn_core);                   /* preload open */
	lua_setfield(L, -2, "acrn.core");                          /* preload */
	lua_pushcfunction(L, luaopen_acrn_editline);               /* preload open */
	lua_setfield(L, -2, "acrn.editline");                      /* preload */
	lua_pop(L, 1);                                             /* */
	if (!scripts || !*scripts)
		add_embedded_searcher(L);
	lua_pushcfunction(L, setup);                                         /* setup */
	lua_pushstring(L, scripts && *scripts ? scripts : ACRN_SCRIPTS_DIR); /* setup dir */
	if (lua_pcall(L, 1, 1, 0) != LUA_OK)                                 /* main */
		goto fail;
	lua_gc(L, LUA_GCINC, GC_PAUSE, 0, 0);
	lua_createtable(L, argc, 0); /* main argv */
	for (int i = 1; i < argc; i++) {
		lua_pushstring(L, argv[i]); /* main argv arg */
		lua_rawseti(L, -2, i);      /* main argv */
	}
	if (lua_pcall(L, 1, 1, 0) != LUA_OK) /* status */
		goto fail;
	return (int)lua_tointeger(L, -1);
fail:
	fprintf(stderr, "acrn-launch: internal error: %s\n", lua_tostring(L, -1));
	return 1;
}

int main(int argc, char **argv)
{
	/* the budget lets acrn.core cap what a sandboxed recipe allocates */
	struct acrn_budget budget = {0};
	lua_State *L = lua_newstate(acrn_budget_alloc, &budget);
	if (!L) {
		fputs("acrn-launch: out of memory\n", stderr);
		return 1;
	}
	lua_pushlightuserdata(L, &budget);
	lua_setfield(L, LUA_REGISTRYINDEX, "acrn.budget");
	int status = run(L, argc, argv);
	lua_close(L);
	acrn_budget_release(&budget);
	return status;
}
