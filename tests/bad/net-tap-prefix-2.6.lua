-- expect: refused
-- words: @10 | "tap" or "vmnet" | 2.6
-- ACRN 2.6 opens only tap* and vmnet*.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  target = "2.6",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "eth0" },
  },
}
