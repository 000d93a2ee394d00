-- expect: refused
-- known-bug: kparams errors name init.lua, not the recipe line
-- words: empty key | @6
-- A parameter that starts with '='.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = { "=ttyS0" },
  devices = {
    acrn.hostbridge {},
  },
}
