-- expect: refused
-- words: @7 | console 0 is out of range 1-255
-- Log level 0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  logger = { console = 0 },
  devices = {
    acrn.hostbridge {},
  },
}
