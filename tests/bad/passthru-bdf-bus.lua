-- expect: refused
-- words: @9 | is not a host PCI device
-- Bus 0x100.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "100:00.0" },
  },
}
