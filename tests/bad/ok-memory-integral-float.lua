-- expect: accepted
-- argv: after -m "2048M"
-- memory = 2048.0: a whole number, even as a float.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = 2048.0,
  devices = {
    acrn.hostbridge {},
  },
}
