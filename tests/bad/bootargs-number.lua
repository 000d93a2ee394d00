-- expect: refused
-- words: expected a string, a list of strings or a kparams list | @5
-- bootargs given as a number.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = 42,
  devices = {
    acrn.hostbridge {},
  },
}
