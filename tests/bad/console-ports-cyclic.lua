-- expect: refused
-- words: @11 | ports[1]: unknown field number
-- A ports list that contains itself: refused, no hang.
local acrn = require "acrn"
local cycle = {}
cycle[1] = cycle
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = cycle },
  },
}
