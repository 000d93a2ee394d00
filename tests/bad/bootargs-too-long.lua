-- expect: refused
-- words: @7 | 2048 bytes | 2047
-- 2048 bytes: acrn-dm takes 2047.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = string.rep("a", 2048),
  devices = {
    acrn.hostbridge {},
  },
}
