/* SPDX-License-Identifier: Apache-2.0 */
/* The launch itself: execv and nothing else. */
#include "host.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

int acrn_exec(const char *program, const struct acrn_strings *argv, struct acrn_error *error)
{
	char *args[argv->count + 2];
	args[0] = (char *)program;
	for (size_t i = 0; i < argv->count; i++)
		args[i + 1] = argv->items[i];
	args[argv->count + 1] = NULL;
	execv(program, args);
	int rc = -errno;
	acrn_fail(error, 0, "cannot execute %s: %s", program, strerror(errno));
	return rc;
}
