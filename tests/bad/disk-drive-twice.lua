-- expect: refused
-- words: @10 | drive 1 is already used by device #2
-- One drive index on two disks.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { nodisk = true, drive = 1 },
    acrn.virtio_blk { nodisk = true, drive = 1 },
  },
}
