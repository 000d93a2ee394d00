-- expect: refused
-- words: @9 | not WIDTHxHEIGHT+X+Y
-- A screen geometry that is not WxH+X+Y.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_gpu { screens = { { geometry = "1920x1080" } } },
  },
}
