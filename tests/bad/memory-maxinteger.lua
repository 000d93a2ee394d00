-- expect: refused
-- words: @7 | 9223372036854775807 MiB is too large
-- 2^63-1 MiB.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = math.maxinteger,
  devices = {
    acrn.hostbridge {},
  },
}
