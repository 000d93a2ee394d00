-- expect: refused
-- words: @9 | backend "serial" is not one of
-- A console backend acrn-dm does not have.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "serial" } } },
  },
}
