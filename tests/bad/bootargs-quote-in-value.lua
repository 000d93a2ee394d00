-- expect: refused
-- words: contains '"' | @5
-- A double quote inside a value.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = { 'a=b"c' },
  devices = {
    acrn.hostbridge {},
  },
}
