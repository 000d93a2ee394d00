-- expect: refused
-- words: @9 | ports is required
-- virtio_console without ports.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console {},
  },
}
