-- expect: refused
-- words: @5 | no host bridge
-- A VM without a host bridge.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.virtio_rnd {},
  },
}
