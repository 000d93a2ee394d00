-- expect: refused
-- words: @7 | cpus[1] 1024 is out of range 0-1023
-- CPU 1024.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  cpu_affinity = { cpus = { 1024 } },
  devices = {
    acrn.hostbridge {},
  },
}
