/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The embedding floor of bench/run: the least a program that embeds Lua
 * does before it execs.  It makes a Lua state, opens the standard
 * libraries, runs a one-line chunk, and execs argv[1] with argv[1..].
 * bench/run links Lua into it as acrn-launch is linked (statically where
 * the static library is there).
 */
#include <stdio.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: embed-floor PROGRAM [ARGS...]\n", stderr);
		return 2;
	}
	lua_State *L = luaL_newstate();
	if (!L)
		return 1;
	luaL_openlibs(L);
	if (luaL_dostring(L, "return 6 * 7") != LUA_OK) {
		fprintf(stderr, "embed-floor: %s\n", lua_tostring(L, -1));
		return 1;
	}
	execv(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
