-- expect: refused
-- words: @9 | contains one of
-- A '/' in a region name.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.ivshmem { provider = "dm", name = "a/b", size = 2 },
  },
}
