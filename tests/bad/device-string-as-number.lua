-- expect: refused
-- words: @9 | path must be a string, not number
-- A path given as a number.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = 42 },
  },
}
