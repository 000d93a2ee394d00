-- expect: refused
-- words: @9 | ','
-- A ',' in an interface name, inside -s.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "tap,0" },
  },
}
