-- expect: refused
-- words: @9 | give exactly one of hd and cd
-- An AHCI port that is a disk and a CD.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.ahci { ports = { { hd = "/var/lib/a.img", cd = "/var/lib/b.iso" } } },
  },
}
