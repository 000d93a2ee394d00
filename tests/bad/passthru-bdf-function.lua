-- expect: refused
-- words: @9 | is not a host PCI device
-- Function 8.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "00:1f.8" },
  },
}
