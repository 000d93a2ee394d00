-- expect: refused
-- words: @9 | is not a host PCI device
-- A PCI domain other than 0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "0001:00:1f.3" },
  },
}
