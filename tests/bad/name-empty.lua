-- expect: refused
-- words: @5 | name | is empty
-- An empty name.
local acrn = require "acrn"
return acrn.vm {
  name = "",
  devices = {
    acrn.hostbridge {},
  },
}
