-- expect: refused
-- words: @5 | unknown field 1
-- A VM field that is a number, not a name.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  [1] = "2G",
  devices = {
    acrn.hostbridge {},
  },
}
