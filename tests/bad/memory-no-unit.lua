-- expect: refused
-- words: @7 | memory | no unit
-- A bare number as text: acrn-dm refuses it.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = "2048",
  devices = {
    acrn.hostbridge {},
  },
}
