-- expect: refused
-- known-bug: kparams errors name init.lua, not the recipe line
-- words: NUL | @6
-- A NUL in the kernel command line.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = "console=ttyS0\0rw",
  devices = {
    acrn.hostbridge {},
  },
}
