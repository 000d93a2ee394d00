-- expect: refused
-- words: @9 | ioport 65536 is out of range 1-65535
-- COM5 at port 0x10000.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com5 = { backend = "stdio", ioport = 0x10000, irq = 3 } },
  },
}
