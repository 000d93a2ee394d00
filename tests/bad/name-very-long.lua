-- expect: refused
-- words: @5 | (1048576 bytes) | at most 15
-- A name of a megabyte.
local acrn = require "acrn"
return acrn.vm {
  name = string.rep("a", 1 << 20),
  devices = {
    acrn.hostbridge {},
  },
}
