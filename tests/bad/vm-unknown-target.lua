-- expect: refused
-- words: @5 | unknown target "9.9" | 3.3
-- A target that is no ACRN release.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  target = "9.9",
  devices = {
    acrn.hostbridge {},
  },
}
