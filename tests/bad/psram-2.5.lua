-- expect: refused
-- args: --target 2.5
-- words: @8 | psram was removed in ACRN 2.5
-- psram after it became ssram.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  psram = true,
  devices = {
    acrn.hostbridge {},
  },
}
