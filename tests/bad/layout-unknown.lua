-- expect: refused
-- words: unknown layout "compact" | acrn, kata | @5
-- A layout that is not registered.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  layout = "compact",
  devices = {
    acrn.hostbridge {},
  },
}
