-- An ACRN 2.7-era Linux VM with a GVT-g virtual GPU: the releases before
-- 3.0 write the tap bare, take -A and -W, and put the MAC seed on the
-- command line as --mac_seed.
-- acrn-launch -n examples/gvt-2.7.lua
local acrn = require "acrn"

return acrn.vm {
  name = "uos1",
  target = "2.7",
  acpi = true,
  memory = "2048M",
  virtio_msi = true,
  mac_seed = "uos1",
  kernel = "/usr/lib/kernel/default-iot-lts2018",
  bootargs = "root=/dev/vda3 rw rootwait console=tty0 console=ttyS0 i915.enable_guc=0",
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.pci_gvt { args = "64 448 8", slot = 2 },
    acrn.virtio_blk { path = "/home/clear/uos/uos.img" },
    acrn.virtio_net { tap = "tap0" },
    acrn.virtio_rnd {},
  },
}
