-- expect: refused
-- words: @10 | device #3 (lpc) | at most one LPC bridge
-- Two LPC bridges.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.lpc {},
    acrn.lpc {},
  },
}
