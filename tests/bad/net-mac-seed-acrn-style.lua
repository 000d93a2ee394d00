-- expect: accepted
-- argv: has "3,virtio-net,tap=tap_WaaG,mac_seed=00:16:3e:12:34:56-POST_STD_VM1"
-- ACRN 3.x's generator writes the seed as MAC-NAME: colons are normal, and
-- the seed goes last, where acrn-dm takes the rest of the string.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net { tap = "tap_WaaG", mac_seed = "00:16:3e:12:34:56-POST_STD_VM1" },
  },
}
