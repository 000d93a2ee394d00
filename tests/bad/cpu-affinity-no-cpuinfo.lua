-- expect: refused
-- args: --root /nonexistent
-- words: @8 | CPU 1 is not in /nonexistent/proc/cpuinfo (cannot read it
-- No /proc/cpuinfo to map CPUs to LAPIC ids.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  cpu_affinity = { cpus = { 1 } },
  devices = {
    acrn.hostbridge {},
  },
}
