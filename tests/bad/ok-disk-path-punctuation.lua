-- expect: accepted
-- argv: has "5,virtio-blk,/var/lib/a;b=c:d'e.img"
-- ';', '=', ':' and a quote in a disk path inside -s: acrn-dm splits
-- the -s value only at ','.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/a;b=c:d'e.img", slot = 5 },
  },
}
