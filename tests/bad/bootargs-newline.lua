-- expect: refused
-- words: newline | @5
-- A newline in the kernel command line.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = "console=ttyS0\nrw",
  devices = {
    acrn.hostbridge {},
  },
}
