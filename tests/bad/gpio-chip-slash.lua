-- expect: refused
-- words: @9 | contains one of
-- A '/' in a gpiochip name.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_gpio { chips = { { chip = "/dev/gpiochip0", lines = { "3" } } } },
  },
}
