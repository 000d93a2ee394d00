-- expect: refused
-- known-bug: kparams errors name init.lua, not the recipe line
-- words: contains '"' | @6
-- A double quote inside a value.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = { 'a=b"c' },
  devices = {
    acrn.hostbridge {},
  },
}
