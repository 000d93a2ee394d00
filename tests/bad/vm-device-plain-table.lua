-- expect: refused
-- words: @5 | device #2 is a table | not a device
-- A plain table where a device belongs.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    { kind = "virtio-blk", path = "/var/lib/vm1.img" },
  },
}
