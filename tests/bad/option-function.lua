-- expect: refused
-- words: @5 | kernel must be a string, not function
-- A function where a path belongs.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  kernel = print,
  devices = {
    acrn.hostbridge {},
  },
}
