-- Imported by `acrn-launch import` from the acrn-dm command in 2.7-nuc-vxworks.sh, as read:
--   acrn-dm -A -m 2048M -s 0:0,hostbridge -s 5,virtio-console,@stdio:stdio_port \
--     -s 3,virtio-blk,./VxWorks.img --ovmf /usr/share/acrn/bios/OVMF.fd vxworks_vm1
local acrn = require "acrn"

return acrn.vm {
  name = "vxworks_vm1",
  -- target 2.7, the newest release that fits (up to 2.7): -A (ignored from 3.0)
  target = "2.7",
  acpi = true,
  memory = "2048M",
  ovmf = "/usr/share/acrn/bios/OVMF.fd",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "stdio", console = true } }, slot = 5 },
    acrn.virtio_blk { path = "./VxWorks.img", slot = 3 },
  },
}
