-- expect: refused
-- words: @9 | socket path | ':'
-- A ':' in a socket path: acrn-dm reads :server/:client there.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "socket", name = "s", path = "/run/a:b" } } },
  },
}
