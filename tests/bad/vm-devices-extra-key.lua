-- expect: refused
-- words: @5 | devices must be a list, without other keys | "extra"
-- devices with a key that is not a list index.
local acrn = require "acrn"
return acrn.vm { name = "vm1",
  devices = { acrn.hostbridge {}, extra = acrn.virtio_rnd {} } }
