-- expect: refused
-- words: @9 | drive must be an integer, not 1.5
-- An integer field given a fraction.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/vm1.img", drive = 1.5 },
  },
}
