-- expect: refused
-- known-bug: kparams errors name init.lua, not the recipe line
-- words: entry #2 is a table | @8
-- A bootargs list that contains itself.
local acrn = require "acrn"
local cycle = { "rw" }
cycle[2] = cycle
return acrn.vm {
  name = "vm1",
  bootargs = cycle,
  devices = {
    acrn.hostbridge {},
  },
}
