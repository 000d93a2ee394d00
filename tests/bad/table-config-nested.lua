-- expect: refused
-- words: @9 | config[1] must be a string, not table
-- A list inside a config list.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_audio { config = { { "a" } } },
  },
}
