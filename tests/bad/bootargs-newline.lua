-- expect: refused
-- known-bug: kparams errors name init.lua, not the recipe line
-- words: newline | @6
-- A newline in the kernel command line.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = "console=ttyS0\nrw",
  devices = {
    acrn.hostbridge {},
  },
}
