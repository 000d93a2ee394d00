-- expect: refused
-- words: @9 | device #2 (passthru) | is not a host PCI device
-- A bus number beyond 32 bits must not wrap to bus 0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "100000000:1f.3" },
  },
}
