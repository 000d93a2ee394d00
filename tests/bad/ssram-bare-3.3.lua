-- expect: refused
-- words: @7 | needs the regions
-- ssram = true on 3.3 would swallow the next option.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  ssram = true,
  devices = {
    acrn.hostbridge {},
  },
}
