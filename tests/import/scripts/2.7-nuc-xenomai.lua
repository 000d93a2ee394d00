-- Imported by `acrn-launch import` from the acrn-dm command in 2.7-nuc-xenomai.sh, as read:
--   /usr/bin/acrn-dm -A -m 1024M -s 0:0,hostbridge -k /tmp/bzImage.xenomai \
--     -U 495ae2e5-2603-4d64-af76-d4bc5a8ec0e5 --lapic_pt --rtvm --virtio_poll 1000000 \
--     -s 1,virtio-console,@stdio:stdio_port -s 2,virtio-net,tap_rtvm \
--     -s 3,virtio-blk,/var/lib/acrn/xenomai.img \
--     --logger_setting 'console,level=4;kmsg,level=3;disk,level=5' \
--     -B 'root=/dev/vda3 rw rootwait nohpet console=hvc0 isolcpus=1 nohz_full=1 tsc=reliable' \
--     hard_rtvm
-- Note: the script also runs mount, tar, cp, umount, losetup on the host; the recipe does not
local acrn = require "acrn"

return acrn.vm {
  name = "hard_rtvm",
  -- target 2.6, the newest release that fits (up to 2.6): -U
  -- 495ae2e5-2603-4d64-af76-d4bc5a8ec0e5 (up to 2.6)
  target = "2.6",
  uuid = "495ae2e5-2603-4d64-af76-d4bc5a8ec0e5",
  acpi = true,
  memory = "1024M",
  rtvm = true,
  lapic_pt = true,
  virtio_poll = 1000000,
  logger = { console = 4, kmsg = 3, disk = 5 },
  kernel = "/tmp/bzImage.xenomai",
  bootargs = {
    "root=/dev/vda3", "rw", "rootwait", "nohpet", "console=hvc0", "isolcpus=1", "nohz_full=1",
    "tsc=reliable"
  },
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { { backend = "stdio", console = true } }, slot = 1 },
    acrn.virtio_net { tap = "tap_rtvm", create = true, bridge = "acrn-br0", slot = 2 },
    acrn.virtio_blk { path = "/var/lib/acrn/xenomai.img", slot = 3 },
  },
}
