-- expect: refused
-- words: @5 | virtio_poll must be an integer | 1e+308
-- An integer option given 1e308.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  virtio_poll = 1e308,
  devices = {
    acrn.hostbridge {},
  },
}
