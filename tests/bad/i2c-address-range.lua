-- expect: refused
-- words: @9 | addresses[1]: address 128 is out of range 0-127
-- An I2C address above 0x7f.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_i2c { adapters = { { bus = 0, addresses = { 0x80 } } } },
  },
}
