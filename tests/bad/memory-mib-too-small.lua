-- expect: refused
-- words: @7 | 64 MiB | 128 MiB
-- 64 MiB as a number.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = 64,
  devices = {
    acrn.hostbridge {},
  },
}
