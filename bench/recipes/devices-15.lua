-- Benchmark recipe: a VM with 15 devices (bench/run): the host bridge, the
-- LPC bridge, a console, an entropy source, 6 disks and 5 network interfaces.
local acrn = require "acrn"

return acrn.vm {
  name = "bench15", target = "3.3", memory = "4096M",
  kernel = "/var/lib/acrn/bench/bzImage", ramdisk = "/var/lib/acrn/bench/initrd.img",
  bootargs = { "root=/dev/vda1", "rw", "rootwait", "console=hvc0" },
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.virtio_console { ports = {
      { backend = "pty", console = true },
      { backend = "socket", name = "bench15_agent", path = "/run/acrn/bench15/agent.sock", mode = "server" },
    } },
    acrn.virtio_rnd {},
    acrn.virtio_blk { path = "/var/lib/acrn/bench15/disk-01.img", cache = "writeback" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench15/disk-02.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench15/disk-03.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench15/disk-04.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench15/disk-05.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench15/disk-06.img", ro = true },
    acrn.virtio_net { tap = "tap_b15_01", mac = "00:16:3e:0f:00:01", vhost = true },
    acrn.virtio_net { tap = "tap_b15_02", mac = "00:16:3e:0f:00:02" },
    acrn.virtio_net { tap = "tap_b15_03", mac = "00:16:3e:0f:00:03" },
    acrn.virtio_net { tap = "tap_b15_04", mac = "00:16:3e:0f:00:04" },
    acrn.virtio_net { tap = "tap_b15_05", mac = "00:16:3e:0f:00:05" },
  },
}
