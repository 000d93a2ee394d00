-- expect: refused
-- words: @10 | ports[1] "4-1" | bus below 4
-- A host USB bus that acrn-dm 2.4 cannot reach.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  target = "2.4",
  devices = {
    acrn.hostbridge {},
    acrn.xhci { ports = { "4-1" } },
  },
}
