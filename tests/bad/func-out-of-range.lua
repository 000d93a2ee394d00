-- expect: refused
-- words: @9 | func 8 is out of range 0-7
-- Function 8.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { slot = 3, func = 8 },
  },
}
