-- expect: refused
-- words: @9 | ports[1]: path | ','
-- A ',' in a console file path.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "file", path = "/var/log/a,b" } } },
  },
}
