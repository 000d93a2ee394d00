-- expect: refused
-- words: @9 | iothread must be true or an integer, not boolean
-- iothread = false: true or a number.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/vm1.img", iothread = false },
  },
}
