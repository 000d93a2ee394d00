-- Imported by `acrn-launch import` from the acrn-dm command in 2.7-ubuntu.sh, as read:
--   acrn-dm -A -m 1024M -s 0:0,hostbridge \
--     -s 3,virtio-blk,/home/guestl1/acrn-dm-bins/ubuntuUserVM.img -s 4,virtio-net,tap0 \
--     -s 5,virtio-console,@stdio:stdio_port -k /home/guestl1/acrn-dm-bins/bzImage_user_vm \
-- -B 'earlyprintk=serial,ttyS0,115200n8 consoleblank=0 root=/dev/vda1 rw rootwait maxcpus=1
-- nohpet console=tty0 console=hvc0 console=ttyS0 no_timer_check ignore_loglevel log_buf_len=16M
-- tsc=reliable' \
--     --logger_setting 'console,level=5;kmsg,level=6;disk,level=5' ubuntu_vm1
local acrn = require "acrn"

return acrn.vm {
  name = "ubuntu_vm1",
  -- target 2.7, the newest release that fits (up to 2.7): -s 4,virtio-net,tap0 (up to 2.7); -A
  -- (ignored from 3.0)
  target = "2.7",
  acpi = true,
  memory = "1024M",
  logger = { console = 5, kmsg = 6, disk = 5 },
  kernel = "/home/guestl1/acrn-dm-bins/bzImage_user_vm",
  bootargs = {
    "earlyprintk=serial,ttyS0,115200n8", "consoleblank=0", "root=/dev/vda1", "rw", "rootwait",
    "maxcpus=1", "nohpet", "console=tty0", "console=hvc0", "console=ttyS0", "no_timer_check",
    "ignore_loglevel", "log_buf_len=16M", "tsc=reliable"
  },
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/home/guestl1/acrn-dm-bins/ubuntuUserVM.img", slot = 3 },
    acrn.virtio_net { tap = "tap0", slot = 4 },
    acrn.virtio_console { ports = { { backend = "stdio", console = true } }, slot = 5 },
  },
}
