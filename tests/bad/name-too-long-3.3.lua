-- expect: refused
-- words: @5 | 16 bytes | ACRN 3.3 takes at most 15
-- 16 bytes: ACRN 3.3 takes 15.
local acrn = require "acrn"
return acrn.vm {
  name = "abcdefghijklmnop",
  devices = {
    acrn.hostbridge {},
  },
}
