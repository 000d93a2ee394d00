-- expect: refused
-- words: @9 | slot must be an integer PCI slot number, not inf
-- Slot math.huge.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { slot = math.huge },
  },
}
