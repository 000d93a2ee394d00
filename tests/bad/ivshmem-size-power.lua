-- expect: refused
-- words: @9 | size 3 is not a power of two
-- A region size that is not a power of two.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.ivshmem { provider = "dm", name = "shm", size = 3 },
  },
}
