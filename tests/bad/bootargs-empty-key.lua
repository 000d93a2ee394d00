-- expect: refused
-- words: empty key | @5
-- A parameter that starts with '='.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = { "=ttyS0" },
  devices = {
    acrn.hostbridge {},
  },
}
