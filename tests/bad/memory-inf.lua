-- expect: refused
-- words: @5 | memory must be a whole number of MiB, not inf
-- math.huge MiB.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = math.huge,
  devices = {
    acrn.hostbridge {},
  },
}
