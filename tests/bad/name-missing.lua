-- expect: refused
-- words: @5 | name is required
-- A VM without a name.
local acrn = require "acrn"
return acrn.vm {
  devices = {
    acrn.hostbridge {},
  },
}
