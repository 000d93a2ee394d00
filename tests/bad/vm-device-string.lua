-- expect: refused
-- words: @5 | device #2 is a string | not a device
-- A string where a device belongs.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    "virtio-rnd",
  },
}
