-- expect: refused
-- words: @7 | memory | too large
-- More digits than any machine has bytes.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = "99999999999999999999G",
  devices = {
    acrn.hostbridge {},
  },
}
