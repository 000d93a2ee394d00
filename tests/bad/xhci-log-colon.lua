-- expect: refused
-- words: @9 | contains one of
-- A ':' in the xhci log level.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.xhci { tablet = true, log = "a:b" },
  },
}
