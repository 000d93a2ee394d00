-- expect: refused
-- words: @9 | tap is required
-- virtio_net without its tap.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_net {},
  },
}
