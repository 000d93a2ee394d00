-- Imported by `acrn-launch import` from the acrn-dm command in 3.3-configurator-vm2.sh, as read:
--   acrn-dm --cpu_affinity 4,6 -m 1024M --ovmf /usr/share/acrn/bios/OVMF.fd \
--     -s 0:0,hostbridge --virtio_poll 1000000 -s 3,virtio-console,@stdio:stdio_port \
--     -s '4,virtio-net,tap=RT,mac_seed=${host_mac:0:17}-POST_RT_VM1' \
--     -s 5,virtio-blk,./core-image-weston-intel-corei7-64.wic --intr_monitor 10000,10,1,100 \
--     --rtvm --lapic_pt --logger_setting 'console,level=4;kmsg,level=3;disk,level=5' \
--     POST_RT_VM1
local acrn = require "acrn"

return acrn.vm {
  name = "POST_RT_VM1",
  -- target 3.3, the default release, which fits (3.0 and later): -s
  -- 4,virtio-net,tap=RT,mac_seed=${host_mac:0:17}-POST_RT_VM1 (3.0 and later)
  target = "3.3",
  memory = "1024M",
  ovmf = "/usr/share/acrn/bios/OVMF.fd",
  cpu_affinity = { lapic_ids = { 4, 6 }, offline = true },
  rtvm = true,
  lapic_pt = true,
  virtio_poll = 1000000,
  intr_monitor = { threshold = 10000, probe_period = 10, delay_time = 1, delay_duration = 100 },
  logger = { console = 4, kmsg = 3, disk = 5 },
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "stdio", console = true } }, slot = 3 },
    acrn.virtio_net {
      tap = "RT",
      mac_seed = acrn.host_file("/sys/class/net/e*/address"):sub(1, 17) .. "-POST_RT_VM1",
      create = true,
      bridge = "acrn-br0",
      slot = 4,
    },
    acrn.virtio_blk { path = "./core-image-weston-intel-corei7-64.wic", slot = 5 },
  },
}
