-- expect: refused
-- words: @5 | memory must be a string like
-- memory = true.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = true,
  devices = {
    acrn.hostbridge {},
  },
}
