-- expect: accepted
-- argv: after -r "/" .. string.rep("r", 1022)
-- The longest path acrn-dm takes: 1023 bytes.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  ramdisk = "/" .. string.rep("r", 1022),
  devices = {
    acrn.hostbridge {},
  },
}
