-- expect: refused
-- words: @9 | START_LBA/SECTORS
-- range with one number.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/vm1.img", range = "2048" },
  },
}
