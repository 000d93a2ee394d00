-- Imported by `acrn-launch import` from the acrn-dm command in 3.3-configurator-vm1.sh, as read:
--   acrn-dm --windows --cpu_affinity 0,2 -m 4096M --ovmf /usr/share/acrn/bios/OVMF.fd \
--     -s 1:0,lpc -s 0:0,hostbridge -s 3,virtio-console,@stdio:stdio_port \
--     -s '4,virtio-net,tap=WaaG,mac_seed=${host_mac:0:17}-POST_STD_VM1' \
--     -s 5,virtio-blk,./win10-ltsc.img -s 2,passthru,0/2/0 \
--     --logger_setting 'console,level=4;kmsg,level=3;disk,level=5' POST_STD_VM1
local acrn = require "acrn"

return acrn.vm {
  name = "POST_STD_VM1",
  -- target 3.3, the default release, which fits (3.0 and later): -s
  -- 4,virtio-net,tap=WaaG,mac_seed=${host_mac:0:17}-POST_STD_VM1 (3.0 and later)
  target = "3.3",
  memory = "4096M",
  ovmf = "/usr/share/acrn/bios/OVMF.fd",
  cpu_affinity = { lapic_ids = { 0, 2 } },
  logger = { console = 4, kmsg = 3, disk = 5 },
  windows = true,
  devices = {
    acrn.lpc {},
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "stdio", console = true } }, slot = 3 },
    acrn.virtio_net {
      tap = "WaaG",
      mac_seed = acrn.host_file("/sys/class/net/e*/address"):sub(1, 17) .. "-POST_STD_VM1",
      create = true,
      bridge = "acrn-br0",
      slot = 4,
    },
    acrn.virtio_blk { path = "./win10-ltsc.img", slot = 5 },
    acrn.passthru { bdf = "0/2/0", prepare = true, slot = 2 },
  },
}
