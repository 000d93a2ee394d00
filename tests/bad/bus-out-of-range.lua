-- expect: refused
-- words: @9 | bus 256 is out of range 0-255
-- Bus 256.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { bus = 256, slot = 3 },
  },
}
