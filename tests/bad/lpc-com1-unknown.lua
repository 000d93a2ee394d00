-- expect: refused
-- words: @9 | com1 "serial" is not a UART backend
-- A COM1 backend that is none of stdio, tcp:PORT, a tty.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "serial" },
  },
}
