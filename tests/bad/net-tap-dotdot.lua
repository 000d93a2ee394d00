-- expect: refused
-- words: @9 | not an interface name
-- '..' as an interface name.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = ".." },
  },
}
