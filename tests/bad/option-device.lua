-- expect: refused
-- words: @5 | kernel must be a string, not table
-- A device where a path belongs.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  kernel = acrn.virtio_rnd {},
  devices = {
    acrn.hostbridge {},
  },
}
