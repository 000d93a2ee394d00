-- expect: refused
-- words: @7 | octal
-- A leading 0: acrn-dm reads octal.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = "0100M",
  devices = {
    acrn.hostbridge {},
  },
}
