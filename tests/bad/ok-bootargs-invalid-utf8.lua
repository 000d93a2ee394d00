-- expect: accepted
-- argv: after -B "label=\xff\xfe"
-- Bytes that are not UTF-8 in the kernel command line.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = "label=\xff\xfe",
  devices = {
    acrn.hostbridge {},
  },
}
