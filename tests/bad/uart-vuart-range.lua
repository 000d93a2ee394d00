-- expect: refused
-- words: @9 | vuart_idx 8 is out of range 0-7
-- vUART 8.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.uart { vuart_idx = 8 },
  },
}
