-- expect: refused
-- words: @9 | ports[1] must be a table, not string
-- A port given as a string.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { "pty" } },
  },
}
