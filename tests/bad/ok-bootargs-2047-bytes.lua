-- expect: accepted
-- argv: after -B string.rep("b", 2047)
-- The longest kernel command line acrn-dm takes.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = string.rep("b", 2047),
  devices = {
    acrn.hostbridge {},
  },
}
