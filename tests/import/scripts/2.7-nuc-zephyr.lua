-- Imported by `acrn-launch import` from the acrn-dm command in 2.7-nuc-zephyr.sh, as read:
--   acrn-dm -A -m 128M -s 0:0,hostbridge -s 1:0,lpc -l com1,stdio \
--     -s 5,virtio-console,@pty:pty_port -s 3,virtio-blk,./zephyr.img \
--     --ovmf /usr/share/acrn/bios/OVMF.fd zephyr_vm1
-- Note: the script takes CPUs offline that it finds on the host ($(ls -d
-- /sys/devices/system/cpu/cpu[1-99])) and hands them to the hypervisor; the recipe does not:
-- give cpu_affinity = { cpus = { … }, offline = true } with this VM's CPUs
local acrn = require "acrn"

return acrn.vm {
  name = "zephyr_vm1",
  -- target 2.7, the newest release that fits (up to 2.7): -A (ignored from 3.0)
  target = "2.7",
  acpi = true,
  memory = "128M",
  ovmf = "/usr/share/acrn/bios/OVMF.fd",
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.virtio_console { ports = { { backend = "pty", console = true } }, slot = 5 },
    acrn.virtio_blk { path = "./zephyr.img", slot = 3 },
  },
}
