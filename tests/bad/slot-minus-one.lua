-- expect: refused
-- words: @9 | virtio_rnd | slot -1 is out of range 0-31
-- Slot -1, the core's mark for 'no slot yet': refused all the same.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { slot = -1 },
  },
}
