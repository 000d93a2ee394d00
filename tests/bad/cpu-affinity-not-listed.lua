-- expect: refused
-- args: --root $SOURCE/tests/golden/host
-- words: @8 | CPU 1000 is not in
-- A CPU that /proc/cpuinfo does not list (3.x wants LAPIC ids).
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  cpu_affinity = { cpus = { 1000 } },
  devices = {
    acrn.hostbridge {},
  },
}
