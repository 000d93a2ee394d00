-- expect: refused
-- words: @9 | drive 1024 is out of range 0-1023
-- Drive index 1024.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { nodisk = true, drive = 1024 },
  },
}
