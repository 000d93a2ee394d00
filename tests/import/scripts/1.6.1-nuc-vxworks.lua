-- Imported by `acrn-launch import` from the acrn-dm command in 1.6.1-nuc-vxworks.sh, as read:
--   acrn-dm -A -m 2048M -s 0:0,hostbridge -s 5,virtio-console,@stdio:stdio_port \
--     -s 3,virtio-blk,./VxWorks.img --virtio_poll 1000000 \
--     --ovmf /usr/share/acrn/bios/OVMF.fd --lapic_pt vxworks_vm1
-- Note: the script takes CPUs offline that it finds on the host ($(ls -d
-- /sys/devices/system/cpu/cpu[1-99])) and hands them to the hypervisor; the recipe does not:
-- give cpu_affinity = { cpus = { … }, offline = true } with this VM's CPUs
local acrn = require "acrn"

return acrn.vm {
  name = "vxworks_vm1",
  -- target 2.7, the newest release that fits (up to 2.7): -A (ignored from 3.0)
  target = "2.7",
  acpi = true,
  memory = "2048M",
  ovmf = "/usr/share/acrn/bios/OVMF.fd",
  lapic_pt = true,
  virtio_poll = 1000000,
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "stdio", console = true } }, slot = 5 },
    acrn.virtio_blk { path = "./VxWorks.img", slot = 3 },
  },
}
