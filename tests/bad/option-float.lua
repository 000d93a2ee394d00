-- expect: refused
-- words: @5 | virtio_poll must be an integer, not 1.5
-- An integer option given a fraction.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  virtio_poll = 1.5,
  devices = {
    acrn.hostbridge {},
  },
}
