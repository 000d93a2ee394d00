-- expect: refused
-- words: @9 | ports[1]: unknown field "nmae"
-- A misspelt port field.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "pty", nmae = "x" } } },
  },
}
