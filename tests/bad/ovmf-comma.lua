-- expect: refused
-- words: @7 | ovmf: path | ','
-- A ',' in the OVMF path: --ovmf splits at ','.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  ovmf = "/usr/share/acrn/a,b.fd",
  devices = {
    acrn.hostbridge {},
  },
}
