-- expect: refused
-- words: @9 | slot must be an integer PCI slot number | 9223372036854775807
-- Slot 2^63-1.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { slot = math.maxinteger },
  },
}
