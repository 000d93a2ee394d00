/* SPDX-License-Identifier: Apache-2.0 */
/* acrn-launch's own Lua modules, compiled at build time (lua/embed.cmake). */
#ifndef ACRN_EMBEDDED_H
#define ACRN_EMBEDDED_H

#include <stddef.h>

struct embedded_module {
	const char *name; /* "acrn", "acrn.cli", … */
	const unsigned char *bytecode;
	size_t size;
};

/* Ends with a NULL name. */
extern const struct embedded_module embedded_modules[];

#endif
