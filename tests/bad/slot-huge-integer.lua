-- expect: refused
-- words: @9 | virtio_rnd | slot 9223372036854775807 is out of range 0-31
-- Slot 2^63-1.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { slot = math.maxinteger },
  },
}
