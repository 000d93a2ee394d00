-- A minimal ACRN 3.3 VM: disk, network, console and entropy.
-- acrn-launch -n examples/minimal.lua
local acrn = require "acrn"

return acrn.vm {
  name = "vm1",
  target = "3.3",
  memory = "2048M",
  kernel = "/boot/bzImage",
  ramdisk = "/boot/initrd.img",
  bootargs = { "root=/dev/vda1", "rw", "console=ttyS0" },
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.virtio_console { ports = { { backend = "socket", name = "console0",
                                      path = "/run/vm1/console.sock", console = true } } },
    acrn.virtio_blk { path = "/var/lib/vm1.img", slot = 5 },
    acrn.virtio_net { tap = "tap0", mac = "00:16:3e:00:00:01" },
    acrn.virtio_rnd {},
  },
}
