-- expect: refused
-- words: @5 | name | NUL
-- A name with a NUL byte.
local acrn = require "acrn"
return acrn.vm {
  name = "vm\0001",
  devices = {
    acrn.hostbridge {},
  },
}
