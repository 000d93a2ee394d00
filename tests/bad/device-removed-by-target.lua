-- expect: refused
-- words: @9 | pci-gvt was removed in ACRN 3.0 | target 3.3
-- A device the target no longer has.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.pci_gvt { args = "64 448 8" },
  },
}
