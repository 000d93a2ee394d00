-- expect: refused
-- words: @9 | mode is only for socket ports
-- mode on a tty port.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "tty", path = "/dev/ttyS1", mode = "client" } } },
  },
}
