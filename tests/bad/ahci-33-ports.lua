-- expect: refused
-- words: @13 | ports has 33 items | at most 32
-- 33 AHCI ports.
local acrn = require "acrn"
local ports = {}
for i = 1, 33 do
  ports[i] = { hd = "/var/lib/d" .. i }
end
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.ahci { ports = ports },
  },
}
