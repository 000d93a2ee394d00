-- expect: refused
-- words: @9 | cache "none" is not one of writeback, writethru
-- A cache mode acrn-dm does not know.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/vm1.img", cache = "none" },
  },
}
