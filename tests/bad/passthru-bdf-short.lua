-- expect: refused
-- words: @9 | bdf "00:1f" is not a host PCI device
-- A BDF without its function.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "00:1f" },
  },
}
