-- A Windows VM on ACRN 3.3, shaped like ACRN's own sample: UEFI firmware,
-- the integrated GPU passed through, virtio disk, network and input, a pty
-- console, acrn-dm's logging, and two pinned CPUs.
-- acrn-launch -n examples/windows.lua
local acrn = require "acrn"

return acrn.vm {
  name = "WaaG",
  memory = "4096M",
  windows = true,
  ovmf = { code = "/usr/share/acrn/bios/OVMF_CODE.fd",
           vars = "/var/lib/acrn/WaaG_VARS.fd", writable = true },
  cpu_affinity = { lapic_ids = { 2, 4 } },
  logger = { console = 4, kmsg = 3, disk = 5 },
  devices = {
    acrn.hostbridge {},
    acrn.lpc {},
    acrn.passthru { bdf = "00:02.0", slot = 2 },      -- the iGPU, where Windows wants it
    acrn.virtio_blk { path = "/var/lib/acrn/WaaG.img" },
    acrn.virtio_net { tap = "tap_WaaG", mac = "00:16:3e:5b:4a:01" },
    acrn.virtio_input { path = "/dev/input/event0" },
    acrn.virtio_console { ports = { { backend = "pty", console = true } } },
    acrn.xhci { ports = { "1-2", "2-2" } },
  },
}
