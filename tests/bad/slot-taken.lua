-- expect: refused
-- words: @10 | device #3 (virtio-rnd) | slot 0:3:0 is already taken by device #2
-- Two devices pinned at one slot.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { slot = 3 },
    acrn.virtio_rnd { slot = 3 },
  },
}
