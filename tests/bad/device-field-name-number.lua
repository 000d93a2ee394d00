-- expect: refused
-- words: @9 | field names are strings, not number
-- A device field that is a number, not a name.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_rnd { [1] = true },
  },
}
