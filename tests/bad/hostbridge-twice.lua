-- expect: refused
-- words: @9 | device #2 (amd_hostbridge) | exactly one host bridge
-- Two host bridges, both at 0:0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.amd_hostbridge { slot = 0 },
  },
}
