-- expect: accepted
-- argv: has "abcdefghijklmno"
-- The longest name ACRN 3.3 takes.
local acrn = require "acrn"
return acrn.vm {
  name = "abcdefghijklmno",
  devices = {
    acrn.hostbridge {},
  },
}
