-- expect: refused
-- words: @10 | device #3 (virtio-console) | already uses in com1
-- The LPC's COM1 and a console port both on stdio.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.virtio_console { ports = { { backend = "stdio" } } },
  },
}
