-- expect: refused
-- words: @9 | MAX_SECTORS:MAX_SEGMENTS:ALIGNMENT
-- discard with two numbers.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/vm1.img", discard = "8:1" },
  },
}
