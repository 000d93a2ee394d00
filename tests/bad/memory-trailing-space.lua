-- expect: refused
-- words: @7 | one unit
-- A space after the unit.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = "2G ",
  devices = {
    acrn.hostbridge {},
  },
}
