-- expect: refused
-- words: @9 | ports must be a list, without other keys
-- ports as a map, not a list.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { first = { backend = "pty" } } },
  },
}
