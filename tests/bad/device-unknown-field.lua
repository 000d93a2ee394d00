-- expect: refused
-- words: @9 | unknown field "pth" | known: boot, iothread, mq, path
-- A misspelt device field.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { pth = "/var/lib/vm1.img" },
  },
}
