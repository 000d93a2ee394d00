-- A real-time VM on ACRN 3.3: LAPIC passthrough through --rtvm, two CPUs
-- given by number (acrn-launch maps them to LAPIC ids through the host's
-- /proc/cpuinfo), virtio queues polled, and an NVMe disk passed through.
-- acrn-launch -n examples/rtvm.lua
local acrn = require "acrn"

local bootargs = acrn.kparams.new "root=/dev/nvme0n1p1 rw rootwait console=ttyS0"
bootargs:extend { "nohpet", "no_timer_check", "clocksource=tsc", "tsc=reliable",
                  "x2apic_phys", "processor.max_cstate=0", "intel_idle.max_cstate=0",
                  "intel_pstate=disable", "mce=ignore_ce", "audit=0", "isolcpus=nohz,domain,1",
                  "nohz_full=1", "rcu_nocbs=1", "nosoftlockup", "idle=poll", "irqaffinity=0" }

return acrn.vm {
  name = "rtvm1",
  memory = "1024M",
  rtvm = true,
  cpu_affinity = { cpus = { 2, 3 } },
  virtio_poll = 1000000,
  kernel = "/var/lib/acrn/rt/bzImage",
  bootargs = bootargs,
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.passthru { bdf = "02:00.0" },               -- the NVMe disk
    acrn.virtio_console { ports = { { backend = "pty", console = true } } },
  },
}
