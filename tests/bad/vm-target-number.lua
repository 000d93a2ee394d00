-- expect: refused
-- words: @5 | target must be a release
-- A target given as a table.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  target = {},
  devices = {
    acrn.hostbridge {},
  },
}
