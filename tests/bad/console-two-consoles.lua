-- expect: refused
-- words: @9 | 2 ports are marked console
-- Two ports marked console.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = {
      { backend = "pty", console = true },
      { backend = "pty", name = "b", console = true },
    } },
  },
}
