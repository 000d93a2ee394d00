-- expect: refused
-- words: @9 | device #2 (virtio-rnd) | slot
-- Slot -1, the core's mark for 'no slot yet': refused all the same.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { slot = -1 },
  },
}
