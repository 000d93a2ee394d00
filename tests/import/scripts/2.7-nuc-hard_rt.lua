-- Imported by `acrn-launch import` from the acrn-dm command in 2.7-nuc-hard_rt.sh, as read:
--   /usr/bin/acrn-dm -A -m 1024M -s 0:0,hostbridge --lapic_pt --rtvm --virtio_poll 1000000 \
--     -U 495ae2e5-2603-4d64-af76-d4bc5a8ec0e5 -s 2,passthru,02/0/0 \
--     -s 3,virtio-console,@stdio:stdio_port --ovmf /usr/share/acrn/bios/OVMF.fd hard_rtvm
-- Note: the script takes CPUs offline that it finds on the host ($(ls -d
-- /sys/devices/system/cpu/cpu[1-99])) and hands them to the hypervisor; the recipe does not:
-- give cpu_affinity = { cpus = { … }, offline = true } with this VM's CPUs
local acrn = require "acrn"

return acrn.vm {
  name = "hard_rtvm",
  -- target 2.6, the newest release that fits (up to 2.6): -U
  -- 495ae2e5-2603-4d64-af76-d4bc5a8ec0e5 (up to 2.6)
  target = "2.6",
  uuid = "495ae2e5-2603-4d64-af76-d4bc5a8ec0e5",
  acpi = true,
  memory = "1024M",
  ovmf = "/usr/share/acrn/bios/OVMF.fd",
  rtvm = true,
  lapic_pt = true,
  virtio_poll = 1000000,
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "02/0/0", prepare = true, slot = 2 },
    acrn.virtio_console { ports = { { backend = "stdio", console = true } }, slot = 3 },
  },
}
