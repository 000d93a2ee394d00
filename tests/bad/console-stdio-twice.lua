-- expect: refused
-- words: @9 | uses stdio more than once
-- Two console ports on stdio.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "stdio" }, { backend = "stdio", name = "b" } } },
  },
}
