-- expect: refused
-- args: --root /nonexistent
-- words: @6 | cannot read /nonexistent/proc/cpuinfo
-- No /proc/cpuinfo to map CPUs to LAPIC ids.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  cpu_affinity = { cpus = { 1 } },
  devices = {
    acrn.hostbridge {},
  },
}
