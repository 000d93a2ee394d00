-- expect: refused
-- words: @5 | name | line break
-- A name with a newline.
local acrn = require "acrn"
return acrn.vm {
  name = "vm\n1",
  devices = {
    acrn.hostbridge {},
  },
}
