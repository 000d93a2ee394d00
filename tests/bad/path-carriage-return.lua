-- expect: refused
-- words: @9 | line break
-- A CR in a disk path.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/a\rb.img" },
  },
}
