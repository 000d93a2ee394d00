-- expect: refused
-- known-bug: layout errors carry no recipe line
-- words: unknown layout "compact" | acrn, kata | @6
-- A layout that is not registered.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  layout = "compact",
  devices = {
    acrn.hostbridge {},
  },
}
