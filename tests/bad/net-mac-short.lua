-- expect: refused
-- words: @9 | not a MAC address
-- A MAC with five bytes.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "tap0", mac = "00:16:3e:00:00" },
  },
}
