-- expect: refused
-- words: @9 | bdf is required
-- passthru without a BDF.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.passthru {},
  },
}
