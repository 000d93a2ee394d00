-- expect: refused
-- words: @9 | backend pty takes no path
-- A pty port with a path.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "pty", path = "/dev/pts/3" } } },
  },
}
