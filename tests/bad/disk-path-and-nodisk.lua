-- expect: refused
-- words: @9 | not both
-- A path and nodisk together.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/vm1.img", nodisk = true },
  },
}
