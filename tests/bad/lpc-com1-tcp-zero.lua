-- expect: refused
-- words: @9 | no TCP port 1-65535
-- TCP port 0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "tcp:0" },
  },
}
