-- Benchmark recipe: a VM like ACRN 3.3's generated launch_user_vm_id1.sh
-- (bench/run, issue "Launch at the floor"): the LPC and host bridges, a
-- stdio console, a NIC with a MAC seed, a disk, the integrated GPU passed
-- through (already on pci-stub: no host preparation), the logger, CPU
-- affinity by LAPIC id and OVMF, six devices in all.
local acrn = require "acrn"

return acrn.vm {
  name = "POST_STD_VM1", target = "3.3", memory = "4096M", windows = true,
  ovmf = "/usr/share/acrn/bios/OVMF.fd",
  cpu_affinity = { lapic_ids = { 0, 2 } },
  logger = { console = 4, kmsg = 3, disk = 5 },
  devices = {
    acrn.lpc { slot = 1 },
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "stdio", console = true } } },
    acrn.virtio_net { tap = "WaaG", mac_seed = "00:16:3e:12:34:56-POST_STD_VM1" },
    acrn.virtio_blk { path = "/var/lib/acrn/win10-ltsc.img" },
    acrn.passthru { bdf = "00:02.0", slot = 2, prepare = false },
  },
}
