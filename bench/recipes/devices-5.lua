-- Benchmark recipe: a VM with 5 devices (bench/run): the host bridge, the
-- LPC bridge, a console, a disk and a network interface.
local acrn = require "acrn"

return acrn.vm {
  name = "bench5", target = "3.3", memory = "4096M",
  kernel = "/var/lib/acrn/bench/bzImage", ramdisk = "/var/lib/acrn/bench/initrd.img",
  bootargs = { "root=/dev/vda1", "rw", "rootwait", "console=hvc0" },
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.virtio_console { ports = {
      { backend = "pty", console = true },
      { backend = "socket", name = "bench5_agent", path = "/run/acrn/bench5/agent.sock", mode = "server" },
    } },
    acrn.virtio_blk { path = "/var/lib/acrn/bench5/disk-01.img", cache = "writeback" },
    acrn.virtio_net { tap = "tap_b5_01", mac = "00:16:3e:05:00:01", vhost = true },
  },
}
