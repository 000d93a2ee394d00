-- expect: refused
-- words: @9 | screens is required
-- virtio-gpu without a geometry: acrn-dm 3.x crashes.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_gpu {},
  },
}
