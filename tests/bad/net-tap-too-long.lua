-- expect: refused
-- words: @9 | 15 bytes
-- An interface name of 16 bytes.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "tap0123456789abc" },
  },
}
