-- expect: refused
-- words: @9 | device #2 (virtio-blk) | path "/var/lib/a,b.img" | ','
-- A ',' in a disk path inside -s: acrn-dm would split it.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/a,b.img" },
  },
}
