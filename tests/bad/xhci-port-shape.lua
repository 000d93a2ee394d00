-- expect: refused
-- words: @9 | not a host USB port BUS-PORT
-- A USB port that is not BUS-PORT.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.xhci { ports = { "1-2-3" } },
  },
}
