-- expect: refused
-- words: @7 | cache "L1" is not one of L2, L3
-- Cache level L1.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  ssram = { { cache = "L1", all = true, size = "512K" } },
  devices = {
    acrn.hostbridge {},
  },
}
