-- expect: refused
-- words: @9 | not OFFSET, NAME or NAME=VNAME
-- A GPIO line NAME=VNAME=X.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_gpio { chips = { { chip = "gpiochip0", lines = { "a=b=c" } } } },
  },
}
