-- Refused by site.lua: the disk image lies outside /var/lib/acrn/images.
local acrn = require "acrn"

return acrn.vm {
  name = "vm-db",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/acrn/images/../../../etc/shadow" },
  },
}
