-- Benchmark recipe: a Windows VM shaped like ACRN 3.3's sample launch script
-- for a Windows guest (OVMF, GPU passthrough, console, network, disk,
-- logger, CPU affinity).  Needs the catalogue's ovmf, passthru, logger,
-- cpu_affinity, windows and virtio_input; bench/run skips it while
-- `acrn-launch -n` rejects it.  OVMF.fd is the combined firmware image
-- (code and variables in one file), hence `path`.
local acrn = require "acrn"

return acrn.vm {
  name = "WaaG", target = "3.3", memory = "4096M", windows = true,
  ovmf = { path = "/usr/share/acrn/bios/OVMF.fd" },
  cpu_affinity = { lapic_ids = { 2, 4 } },
  logger = { console = 4, kmsg = 3, disk = 5 },
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.passthru { bdf = "00:02.0", slot = 2, prepare = false },
    acrn.virtio_blk { path = "/home/acrn/WaaG.img" },
    acrn.virtio_net { tap = "WaaG", mac = "00:16:3e:5b:4a:01" },
    acrn.virtio_console { ports = { { backend = "pty", console = true } } },
    acrn.virtio_input { path = "/dev/input/event0" },
  },
}
