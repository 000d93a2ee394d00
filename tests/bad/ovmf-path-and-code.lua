-- expect: refused
-- words: @7 | give either path, or both code and vars
-- OVMF as one image and as code+vars at once.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  ovmf = { path = "/usr/share/acrn/OVMF.fd", code = "/c.fd", vars = "/v.fd" },
  devices = {
    acrn.hostbridge {},
  },
}
