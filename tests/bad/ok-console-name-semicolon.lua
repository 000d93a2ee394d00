-- expect: accepted
-- argv: has "4,virtio-console,pty:a;b"
-- A ';' in a port name.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { slot = 4, ports = { { backend = "pty", name = "a;b" } } },
  },
}
