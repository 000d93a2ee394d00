-- expect: refused
-- words: @9 | iothread 0 is out of range 1-40
-- iothread = 0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/vm1.img", iothread = 0 },
  },
}
