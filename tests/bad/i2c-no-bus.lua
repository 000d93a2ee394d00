-- expect: refused
-- words: @9 | bus is required
-- An I2C adapter without its bus.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_i2c { adapters = { { addresses = { 0x1c } } } },
  },
}
