-- expect: refused
-- words: @9 | ports is empty
-- An empty list of ports.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = {} },
  },
}
