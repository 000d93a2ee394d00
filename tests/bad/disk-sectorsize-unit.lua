-- expect: refused
-- words: @9 | LOGICAL or LOGICAL/PHYSICAL
-- sectorsize with a unit.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/vm1.img", sectorsize = "4k" },
  },
}
