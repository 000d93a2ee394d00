-- expect: refused
-- words: @10 | mq needs ACRN 3.3 or later | target 3.0
-- A device field the target does not have yet.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  target = "3.0",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/vm1.img", mq = 2 },
  },
}
