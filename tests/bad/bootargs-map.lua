-- expect: refused
-- words: must be a list of strings | "console" | @5
-- bootargs as a map, not a list.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = { console = "ttyS0" },
  devices = {
    acrn.hostbridge {},
  },
}
