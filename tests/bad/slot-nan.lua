-- expect: refused
-- words: @9 | slot must be an integer PCI slot number | nan
-- Slot NaN.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { slot = 0 / 0 },
  },
}
