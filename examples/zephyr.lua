-- A Zephyr (or VxWorks) guest booted through UEFI firmware: one OVMF image,
-- a serial console on a TCP port, and a vUART shared with the hypervisor.
-- acrn-launch -n examples/zephyr.lua
local acrn = require "acrn"

return acrn.vm {
  name = "zephyr",
  memory = "256M",
  ovmf = "/usr/share/acrn/bios/OVMF.fd",
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "tcp:4444" },
    acrn.uart { vuart_idx = 1 },
    acrn.virtio_blk { path = "/var/lib/acrn/zephyr.img", ro = true },
  },
}
