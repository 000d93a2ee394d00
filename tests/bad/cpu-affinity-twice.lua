-- expect: refused
-- words: @7 | lists 2 twice
-- A CPU listed twice.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  cpu_affinity = { lapic_ids = { 2, 2 } },
  devices = {
    acrn.hostbridge {},
  },
}
