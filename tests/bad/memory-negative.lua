-- expect: refused
-- words: @7 | -1 MiB | 128 MiB
-- Negative memory.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = -1,
  devices = {
    acrn.hostbridge {},
  },
}
