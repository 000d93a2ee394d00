-- expect: refused
-- words: @7 | virtio_poll 0 is out of range 1-10000000
-- virtio_poll 0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  virtio_poll = 0,
  devices = {
    acrn.hostbridge {},
  },
}
