-- expect: refused
-- words: @5 | 128 bytes | ACRN 2.6 takes at most 127
-- 128 bytes: ACRN 2.6 takes 127.
local acrn = require "acrn"
return acrn.vm {
  name = string.rep("a", 128),
  target = "2.6",
  devices = {
    acrn.hostbridge {},
  },
}
