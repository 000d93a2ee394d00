-- expect: refused
-- words: @9 | config[1] | ','
-- A ',' inside one config item of a rare emulation.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_audio { config = { "a,b" } },
  },
}
