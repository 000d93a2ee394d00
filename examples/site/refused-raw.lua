-- Refused by site.lua: raw arguments would add a disk the site never sees.
local acrn = require "acrn"

return acrn.vm {
  name = "vm-raw",
  raw = { "-s", "9,virtio-blk,/dev/sda" },
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/acrn/images/raw.img" },
  },
}
