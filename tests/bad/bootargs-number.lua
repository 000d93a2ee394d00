-- expect: refused
-- known-bug: kparams errors name init.lua, not the recipe line
-- words: expected a string, a list of strings or a kparams list | @6
-- bootargs given as a number.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = 42,
  devices = {
    acrn.hostbridge {},
  },
}
