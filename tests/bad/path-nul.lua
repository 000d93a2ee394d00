-- expect: refused
-- words: @9 | NUL | "\\x00"
-- A NUL byte in a disk path.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/a\0b.img" },
  },
}
