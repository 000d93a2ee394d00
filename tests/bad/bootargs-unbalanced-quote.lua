-- expect: refused
-- known-bug: kparams errors name init.lua, not the recipe line
-- words: unbalanced quote | @6
-- An opening quote without its end.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = 'init="/bin/sh',
  devices = {
    acrn.hostbridge {},
  },
}
