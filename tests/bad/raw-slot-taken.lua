-- expect: refused
-- words: @5 | raw: -s 3,virtio-blk,/dev/sda takes slot 0:3:0 | device #2 (virtio-rnd)
-- A -s in raw on a slot a device has: acrn-dm would say "already occupied".
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  raw = { "-s", "3,virtio-blk,/dev/sda" },
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { slot = 3 },
  },
}
