-- expect: refused
-- words: entry #2 is a table | @5
-- A table inside the bootargs list.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = { "rw", {} },
  devices = {
    acrn.hostbridge {},
  },
}
