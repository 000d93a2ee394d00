-- expect: refused
-- known-bug: kparams errors name init.lua, not the recipe line
-- words: entry #2 is a table | @6
-- A table inside the bootargs list.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = { "rw", {} },
  devices = {
    acrn.hostbridge {},
  },
}
