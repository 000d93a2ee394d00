-- expect: refused
-- words: @9 | vmsix_on_msi 6 is out of range 0-5
-- vmsix_on_msi BAR 6.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "00:1f.3", vmsix_on_msi = 6 },
  },
}
