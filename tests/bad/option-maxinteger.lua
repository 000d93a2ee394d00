-- expect: refused
-- words: @7 | virtio_poll 9223372036854775807 is out of range
-- An integer option given 2^63-1.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  virtio_poll = math.maxinteger,
  devices = {
    acrn.hostbridge {},
  },
}
