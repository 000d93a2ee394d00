-- expect: refused
-- words: @9 | shorter than 1024 | (1024 bytes)
-- A path of 1024 bytes: acrn-dm takes shorter ones.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/" .. string.rep("a", 1023) },
  },
}
