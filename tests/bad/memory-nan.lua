-- expect: refused
-- words: @5 | memory must be a whole number of MiB | nan
-- NaN MiB.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = 0 / 0,
  devices = {
    acrn.hostbridge {},
  },
}
