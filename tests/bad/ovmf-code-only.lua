-- expect: refused
-- words: @7 | give either path, or both code and vars
-- OVMF code without vars.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  ovmf = { code = "/c.fd" },
  devices = {
    acrn.hostbridge {},
  },
}
