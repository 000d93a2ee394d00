-- expect: refused
-- words: @9 | com1 | ','
-- A ',' in a COM1 tty path: inside -l.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "/dev/ttyS1,x" },
  },
}
