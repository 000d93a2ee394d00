-- expect: refused
-- words: @9 | all zero
-- The all-zero MAC.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "tap0", mac = "00:00:00:00:00:00" },
  },
}
