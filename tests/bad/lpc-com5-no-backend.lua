-- expect: refused
-- words: @9 | needs a backend
-- COM5 without a backend: acrn-dm reads it by position.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com5 = { ioport = 0x2f8, irq = 3 } },
  },
}
