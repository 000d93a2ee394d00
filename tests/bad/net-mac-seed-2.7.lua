-- expect: refused
-- words: @10 | mac_seed needs ACRN 3.0 or later | set mac_seed in acrn.vm
-- A NIC's own mac_seed on 2.x, where the seed is the VM's.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  target = "2.7",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "tap0", mac_seed = "12:34:56-vm1" },
  },
}
