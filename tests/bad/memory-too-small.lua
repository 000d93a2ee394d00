-- expect: refused
-- words: @7 | 100 MiB | 128 MiB
-- Less than 128 MiB.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = "100M",
  devices = {
    acrn.hostbridge {},
  },
}
