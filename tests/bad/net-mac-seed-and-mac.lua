-- expect: refused
-- words: @9 | mac_seed cannot go with mac
-- mac_seed with mac: acrn-dm reads the rest as the seed.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "tap0", mac_seed = "seed", mac = "00:16:3e:00:00:01" },
  },
}
