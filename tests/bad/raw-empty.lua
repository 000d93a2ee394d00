-- expect: refused
-- words: @7 | raw is empty
-- An empty raw list.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  raw = {},
  devices = {
    acrn.hostbridge {},
  },
}
