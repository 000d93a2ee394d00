-- expect: refused
-- words: @9 | give exactly one of vuart_idx and backend
-- A PCI UART with nothing.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.uart {},
  },
}
