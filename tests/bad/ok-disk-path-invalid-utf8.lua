-- expect: accepted
-- argv: has "5,virtio-blk,/var/lib/\xff\xfe.img"
-- Bytes that are not UTF-8 in a disk path.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/\xff\xfe.img", slot = 5 },
  },
}
