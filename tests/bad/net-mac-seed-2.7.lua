-- expect: refused
-- words: @10 | mac_seed needs ACRN 3.0 or later
-- A device mac_seed before 3.0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  target = "2.7",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "tap0", mac_seed = "seed" },
  },
}
