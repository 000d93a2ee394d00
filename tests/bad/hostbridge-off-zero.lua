-- expect: refused
-- words: @8 | host bridge must be at 0:0:0, not 0:5:0
-- The host bridge away from 0:0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge { slot = 5 },
  },
}
