-- expect: refused
-- words: @9 | needs a path
-- A disk without a path.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk {},
  },
}
