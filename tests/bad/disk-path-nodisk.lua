-- expect: refused
-- words: @9 | nodisk | placeholder
-- A path containing nodisk: acrn-dm would take it for a placeholder.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/nodisk.img" },
  },
}
