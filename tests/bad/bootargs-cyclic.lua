-- expect: refused
-- words: entry #2 is a table | @7
-- A bootargs list that contains itself.
local acrn = require "acrn"
local cycle = { "rw" }
cycle[2] = cycle
return acrn.vm {
  name = "vm1",
  bootargs = cycle,
  devices = {
    acrn.hostbridge {},
  },
}
