-- expect: refused
-- words: @5 | A-Z a-z 0-9
-- A name with a space.
local acrn = require "acrn"
return acrn.vm {
  name = "vm 1",
  devices = {
    acrn.hostbridge {},
  },
}
