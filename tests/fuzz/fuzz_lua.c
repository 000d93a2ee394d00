/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer targets in Lua, this file built twice with another harness
 * (FUZZ_HARNESS): one Lua state with acrn.core preloaded (lua/binding.c,
 * linked here and instrumented) and the acrn modules from the source
 * tree, made afresh for each input; the input goes to the harness's run
 * function.  fuzz_lua (tests/fuzz/fuzz_lua.lua) turns the bytes into a
 * recipe written in the API's own vocabulary (the constructors and fields
 * of acrn.catalog, values of every type and shape) and runs it and
 * vm:plan() under pcall, checking what must hold; FUZZ_LUA_SHOW=1 prints
 * each generated recipe, =2 what became of each plan.  fuzz_sandbox
 * (tests/fuzz/fuzz_sandbox.lua) takes the bytes as the sandbox's answer.
 * A Lua error that escapes a harness is a broken invariant: the target
 * aborts with its message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

int luaopen_acrn_core(lua_State *L);

/* A fresh Lua state with acrn.core preloaded, the modules on the path and
 * the harness's run function on the stack; aborts on failure. */
static lua_State *new_state(void)
{
	lua_State *L = luaL_newstate();
	if (!L)
		abort();
	luaL_openlibs(L);
	luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE); /* preload */
	lua_pushcfunction(L, luaopen_acrn_core);                   /* preload open */
	lua_setfield(L, -2, "acrn.core");                          /* preload */
	lua_pop(L, 1);                                             /* */
	lua_getglobal(L, "package");                               /* package */
	lua_pushliteral(L, FUZZ_SCRIPTS_DIR "/?.lua;" FUZZ_SCRIPTS_DIR "/?/init.lua");
	lua_setfield(L, -2, "path");                  /* package */
	lua_pop(L, 1);                                /* */
	if (luaL_dofile(L, FUZZ_HARNESS) != LUA_OK) { /* run */
		fprintf(stderr, "fuzz_lua: %s\n", lua_tostring(L, -1));
		abort();
	}
	return L;
}

/* Each input gets a state of its own, closed after it: nothing carries
 * over from one input to the next, and every byte it allocated is freed
 * (so libFuzzer's leak check sees only real leaks). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lua_State *L = new_state();                   /* run */
	lua_pushlstring(L, (const char *)data, size); /* run bytes */
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {        /* | message */
		fprintf(stderr, "fuzz_lua: invariant broken: %s\n", lua_tostring(L, -1));
		abort();
	}
	lua_close(L);
	return 0;
}
