-- Refused by site.lua: a disk is a disk, whatever device holds it.
local acrn = require "acrn"

return acrn.vm {
  name = "vm-sata",
  devices = {
    acrn.hostbridge {},
    acrn.ahci { ports = { { hd = "/dev/sda" } } },
  },
}
