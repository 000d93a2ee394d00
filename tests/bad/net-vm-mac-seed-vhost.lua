-- expect: refused
-- words: @10 | cannot go with vhost
-- The VM's mac_seed goes into a vhost NIC from 3.0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  mac_seed = "seed",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "tap0", vhost = true },
  },
}
