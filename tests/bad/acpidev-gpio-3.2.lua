-- expect: refused
-- args: --target 3.2
-- words: @8 | GPIO controller
-- A GPIO controller before 3.3.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  acpidev_pt = { { hid = "INT34C5" } },
  devices = {
    acrn.hostbridge {},
  },
}
