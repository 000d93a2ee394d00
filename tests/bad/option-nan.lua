-- expect: refused
-- words: @5 | virtio_poll must be an integer | nan
-- An integer option given NaN.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  virtio_poll = 0 / 0,
  devices = {
    acrn.hostbridge {},
  },
}
