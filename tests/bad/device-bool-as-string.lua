-- expect: refused
-- words: @9 | ro must be a boolean, not string
-- A boolean field given a string.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/vm1.img", ro = "yes" },
  },
}
