/* SPDX-License-Identifier: Apache-2.0 */
/* Random UUIDs, from the system's randomness through libuuid. */
#include "host.h"

#include <uuid/uuid.h>

void acrn_uuid_generate(char text[37])
{
	uuid_t uuid;
	uuid_generate(uuid);
	uuid_unparse_lower(uuid, text);
}
