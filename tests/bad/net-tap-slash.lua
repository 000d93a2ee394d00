-- expect: refused
-- words: @9 | '/', ':' or white space
-- A '/' in an interface name.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "tap/0" },
  },
}
