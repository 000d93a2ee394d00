-- expect: refused
-- words: @7 | size 0 is out of range
-- An MMIO range of 0 bytes.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  mmiodev_pt = { { base = 0xfe000000, size = 0 } },
  devices = {
    acrn.hostbridge {},
  },
}
