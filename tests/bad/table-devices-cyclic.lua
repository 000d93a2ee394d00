-- expect: refused
-- words: @7 | device #2 is a table | not a device
-- A devices list that contains itself: refused, no hang.
local acrn = require "acrn"
local cycle = {}
cycle[1] = cycle
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    cycle,
  },
}
