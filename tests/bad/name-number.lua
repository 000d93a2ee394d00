-- expect: refused
-- words: @5 | name must be a string, not number
-- A name given as a number.
local acrn = require "acrn"
return acrn.vm {
  name = 1,
  devices = {
    acrn.hostbridge {},
  },
}
