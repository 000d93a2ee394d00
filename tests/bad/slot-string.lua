-- expect: refused
-- words: @9 | slot must be an integer PCI slot number, not 3
-- Slot as a string.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { slot = "3" },
  },
}
