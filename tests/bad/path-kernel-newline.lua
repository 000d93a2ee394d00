-- expect: refused
-- words: @7 | kernel | line break
-- A newline in the kernel path.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  kernel = "/boot/bz\nImage",
  devices = {
    acrn.hostbridge {},
  },
}
