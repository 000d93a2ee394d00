-- expect: refused
-- words: @9 | multicast
-- A multicast MAC.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "tap0", mac = "01:00:5e:00:00:01" },
  },
}
