-- expect: refused
-- words: @9 | LPC bridge must be on bus 0, not bus 1
-- The LPC bridge on bus 1.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.lpc { bus = 1 },
  },
}
