-- expect: refused
-- words: @9 | virtio_blk: takes a table of fields, not string
-- A constructor called with a string.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk("/var/lib/vm1.img"),
  },
}
