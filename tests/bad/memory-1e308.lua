-- expect: refused
-- words: @5 | memory must be a whole number of MiB | 1e+308
-- 1e308 MiB.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = 1e308,
  devices = {
    acrn.hostbridge {},
  },
}
