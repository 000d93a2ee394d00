-- expect: refused
-- words: @9 | ports must be a list, not string
-- A list field given a string.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.xhci { ports = "1-2" },
  },
}
