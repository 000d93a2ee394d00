-- expect: refused
-- words: @7 | give either cpus or lapic_ids
-- cpus and lapic_ids together.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  cpu_affinity = { cpus = { 1 }, lapic_ids = { 2 } },
  devices = {
    acrn.hostbridge {},
  },
}
