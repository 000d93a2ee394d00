-- expect: refused
-- words: @9 | shorter than 1024
-- A path of a megabyte.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/" .. string.rep("a", 1 << 20) },
  },
}
