-- expect: refused
-- words: @7 | mmiodev_pt has 3 items
-- Three MMIO ranges: acrn-dm takes two.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  mmiodev_pt = { { base = 1, size = 1 }, { base = 2, size = 1 }, { base = 3, size = 1 } },
  devices = {
    acrn.hostbridge {},
  },
}
