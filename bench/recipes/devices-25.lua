-- Benchmark recipe: a VM with 25 devices (bench/run): the host bridge, the
-- LPC bridge, a console, an entropy source, 11 disks and 10 network interfaces.
local acrn = require "acrn"

return acrn.vm {
  name = "bench25", target = "3.3", memory = "4096M",
  kernel = "/var/lib/acrn/bench/bzImage", ramdisk = "/var/lib/acrn/bench/initrd.img",
  bootargs = { "root=/dev/vda1", "rw", "rootwait", "console=hvc0" },
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.virtio_console { ports = {
      { backend = "pty", console = true },
      { backend = "socket", name = "bench25_agent", path = "/run/acrn/bench25/agent.sock", mode = "server" },
    } },
    acrn.virtio_rnd {},
    acrn.virtio_blk { path = "/var/lib/acrn/bench25/disk-01.img", cache = "writeback" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench25/disk-02.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench25/disk-03.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench25/disk-04.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench25/disk-05.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench25/disk-06.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench25/disk-07.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench25/disk-08.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench25/disk-09.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench25/disk-10.img" },
    acrn.virtio_blk { path = "/var/lib/acrn/bench25/disk-11.img", ro = true },
    acrn.virtio_net { tap = "tap_b25_01", mac = "00:16:3e:19:00:01", vhost = true },
    acrn.virtio_net { tap = "tap_b25_02", mac = "00:16:3e:19:00:02" },
    acrn.virtio_net { tap = "tap_b25_03", mac = "00:16:3e:19:00:03" },
    acrn.virtio_net { tap = "tap_b25_04", mac = "00:16:3e:19:00:04" },
    acrn.virtio_net { tap = "tap_b25_05", mac = "00:16:3e:19:00:05" },
    acrn.virtio_net { tap = "tap_b25_06", mac = "00:16:3e:19:00:06" },
    acrn.virtio_net { tap = "tap_b25_07", mac = "00:16:3e:19:00:07" },
    acrn.virtio_net { tap = "tap_b25_08", mac = "00:16:3e:19:00:08" },
    acrn.virtio_net { tap = "tap_b25_09", mac = "00:16:3e:19:00:09" },
    acrn.virtio_net { tap = "tap_b25_10", mac = "00:16:3e:19:00:0a" },
  },
}
