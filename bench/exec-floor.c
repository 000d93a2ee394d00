/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The exec floor of bench/run: a program that does nothing but exec
 * argv[1] with argv[1..].  No Lua, no checks.
 */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: exec-floor PROGRAM [ARGS...]\n", stderr);
		return 2;
	}
	execv(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
