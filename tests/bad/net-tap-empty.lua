-- expect: refused
-- words: @9 | tap | is empty
-- An empty interface name.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "" },
  },
}
