-- expect: refused
-- words: @9 | virtio_rnd | slot 32 is out of range 0-31
-- Slot 32 on a bus of 32 slots.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { slot = 32 },
  },
}
