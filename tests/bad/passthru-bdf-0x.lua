-- expect: refused
-- words: @9 | is not a host PCI device
-- Hex with 0x: not in lspci's form.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "0x0/0x1f/0x3" },
  },
}
