-- expect: refused
-- words: @7 | does not start with a decimal number
-- A minus sign.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = "-1G",
  devices = {
    acrn.hostbridge {},
  },
}
