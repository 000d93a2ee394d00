/* SPDX-License-Identifier: Apache-2.0 */
/* Host steps as the engine describes them (host.h runs them). */
#include "internal.h"

const char *acrn_step_name(enum acrn_step_kind kind)
{
	switch (kind) {
	case ACRN_STEP_OFFLINE_CPU:
		return "offline-cpu";
	case ACRN_STEP_BIND_PCI_STUB:
		return "bind-pci-stub";
	case ACRN_STEP_CREATE_TAP:
		return "create-tap";
	}
	return "?";
}
