-- expect: refused
-- words: layout must be a string | @5
-- A layout given as a table.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  layout = {},
  devices = {
    acrn.hostbridge {},
  },
}
