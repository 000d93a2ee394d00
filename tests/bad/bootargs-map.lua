-- expect: refused
-- known-bug: kparams errors name init.lua, not the recipe line
-- words: must be a list of strings | "console" | @6
-- bootargs as a map, not a list.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = { console = "ttyS0" },
  devices = {
    acrn.hostbridge {},
  },
}
