-- expect: refused
-- words: @10 | com3 needs ACRN 3.3 or later
-- COM3 before ACRN 3.3.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  target = "3.2",
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com3 = "stdio" },
  },
}
