-- expect: refused
-- words: @9 | contains one of , : = @
-- An '@' in a port name.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "pty", name = "a@b" } } },
  },
}
