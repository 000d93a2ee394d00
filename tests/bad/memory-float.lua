-- expect: refused
-- words: @5 | memory must be a whole number of MiB, not 2048.5
-- A fraction of a MiB.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = 2048.5,
  devices = {
    acrn.hostbridge {},
  },
}
