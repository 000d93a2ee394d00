-- expect: refused
-- words: @9 | log "a:b" is not one of F, W, I, D, V
-- A ':' in the xhci log level.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.xhci { tablet = true, log = "a:b" },
  },
}
