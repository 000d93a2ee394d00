-- expect: refused
-- words: NUL | @5
-- A NUL in the kernel command line.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = "console=ttyS0\0rw",
  devices = {
    acrn.hostbridge {},
  },
}
