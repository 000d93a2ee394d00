-- expect: refused
-- words: @9 | path is empty
-- An empty disk path.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "" },
  },
}
