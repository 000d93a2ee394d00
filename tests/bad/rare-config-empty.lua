-- expect: refused
-- words: @9 | config is empty
-- An empty config list.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_audio { config = {} },
  },
}
