-- expect: refused
-- words: @9 | is not a host PCI device
-- Device 0x20.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "00:20.0" },
  },
}
