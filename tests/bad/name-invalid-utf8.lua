-- expect: refused
-- words: @5 | A-Z a-z 0-9
-- A name with bytes that are not UTF-8: outside the name's characters.
local acrn = require "acrn"
return acrn.vm {
  name = "vm\xff",
  devices = {
    acrn.hostbridge {},
  },
}
