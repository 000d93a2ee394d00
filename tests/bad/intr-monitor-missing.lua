-- expect: refused
-- words: @7 | delay_time is required
-- An interrupt monitor without its delays.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  intr_monitor = { threshold = 1, probe_period = 2 },
  devices = {
    acrn.hostbridge {},
  },
}
