-- expect: refused
-- words: @7 | memory | too large
-- 2^31 GiB.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = "2147483648G",
  devices = {
    acrn.hostbridge {},
  },
}
