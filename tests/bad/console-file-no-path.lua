-- expect: refused
-- words: @9 | backend file needs a path
-- A file port without a path.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "file" } } },
  },
}
