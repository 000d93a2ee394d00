-- expect: refused
-- words: @5 | raw[1] must be a string, not number
-- A number inside raw.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  raw = { 1 },
  devices = {
    acrn.hostbridge {},
  },
}
