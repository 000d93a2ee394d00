/* SPDX-License-Identifier: Apache-2.0 */
/* The launch itself: execv and nothing else. */
#include "host.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int acrn_exec(const char *program, const struct acrn_strings *argv, struct acrn_error *error)
{
	/* on the heap: an argv of any length fits where the stack would not */
	char **args = calloc(argv->count + 2, sizeof *args);
	if (!args)
		return acrn_fail(error, 0, "cannot execute %s: %s", program, strerror(ENOMEM)),
		       -ENOMEM;
	args[0] = (char *)program;
	for (size_t i = 0; i < argv->count; i++)
		args[i + 1] = argv->items[i];
	acrn_signals_reset();
	execv(program, args);
	int rc = -errno;
	free(args);
	acrn_fail(error, 0, "cannot execute %s: %s", program, strerror(-rc));
	return rc;
}
