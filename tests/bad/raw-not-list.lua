-- expect: refused
-- words: @5 | raw must be a list, not string
-- raw as a string.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  raw = "--debug",
  devices = {
    acrn.hostbridge {},
  },
}
