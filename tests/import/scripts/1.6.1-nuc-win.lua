-- Imported by `acrn-launch import` from the acrn-dm command in 1.6.1-nuc-win.sh, as read:
--   acrn-dm -A -m 4096M -s 0:0,hostbridge -s 1:0,lpc -l com1,stdio -s 2,pci-gvt \
--     -G '64 448 8' -s 3,virtio-blk,./win10-ltsc.img -s 4,virtio-net,tap0 \
--     --ovmf /usr/share/acrn/bios/OVMF.fd --windows win_vm1
local acrn = require "acrn"

return acrn.vm {
  name = "win_vm1",
  -- target 2.7, the newest release that fits (up to 2.7): -s 2,pci-gvt (up to 2.7); -G 64 448 8
  -- (up to 2.7); -s 4,virtio-net,tap0 (up to 2.7); -A (ignored from 3.0)
  target = "2.7",
  acpi = true,
  memory = "4096M",
  ovmf = "/usr/share/acrn/bios/OVMF.fd",
  windows = true,
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.pci_gvt { args = "64 448 8", slot = 2 },
    acrn.virtio_blk { path = "./win10-ltsc.img", slot = 3 },
    acrn.virtio_net { tap = "tap0", slot = 4 },
  },
}
