-- expect: refused
-- known-bug: layout errors carry no recipe line
-- words: layout must be a string | @6
-- A layout given as a table.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  layout = {},
  devices = {
    acrn.hostbridge {},
  },
}
