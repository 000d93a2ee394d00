-- expect: refused
-- words: @7 | logger: give a level
-- A logger without levels.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  logger = {},
  devices = {
    acrn.hostbridge {},
  },
}
