-- expect: refused
-- words: @9 | needs ports or tablet
-- xhci with neither ports nor tablet.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.xhci {},
  },
}
