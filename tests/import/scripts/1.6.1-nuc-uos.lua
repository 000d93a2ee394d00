-- Imported by `acrn-launch import` from the acrn-dm command in 1.6.1-nuc-uos.sh, as read:
--   acrn-dm -A -m 2048M -s 0:0,hostbridge -s 2,pci-gvt -G '64 448 8' \
--     -s 5,virtio-console,@stdio:stdio_port -s 6,virtio-hyper_dmabuf \
--     -s 3,virtio-blk,/home/clear/uos/uos.img -s 4,virtio-net,tap0 -s 7,virtio-rnd \
--     --ovmf /usr/share/acrn/bios/OVMF.fd --pm_notify_channel uart \
--     --pm_by_vuart pty,/run/acrn/life_mngr_vm1 -s 1:0,lpc -l com2,/run/acrn/life_mngr_vm1 \
--     --logger_setting 'console,level=4;kmsg,level=3;disk,level=5' \
--     --mac_seed '${host_mac:9:8}-vm1' vm1
-- Note: the script takes CPUs offline that it finds on the host ($(ls -d
-- /sys/devices/system/cpu/cpu[1-99])) and hands them to the hypervisor; the recipe does not:
-- give cpu_affinity = { cpus = { … }, offline = true } with this VM's CPUs
local acrn = require "acrn"

return acrn.vm {
  name = "vm1",
  -- target 2.7, the newest release that fits (up to 2.7): -s 2,pci-gvt (up to 2.7); -G 64 448 8
  -- (up to 2.7); -s 4,virtio-net,tap0 (up to 2.7); -A (ignored from 3.0)
  target = "2.7",
  acpi = true,
  memory = "2048M",
  ovmf = "/usr/share/acrn/bios/OVMF.fd",
  logger = { console = 4, kmsg = 3, disk = 5 },
  mac_seed = acrn.host_file("/sys/class/net/e*/address"):sub(10, 17) .. "-vm1",
  pm_notify_channel = "uart",
  pm_by_vuart = "pty,/run/acrn/life_mngr_vm1",
  devices = {
    acrn.hostbridge {},
    acrn.pci_gvt { args = "64 448 8", slot = 2 },
    acrn.virtio_console { ports = { { backend = "stdio", console = true } }, slot = 5 },
    acrn.virtio_hyper_dmabuf { slot = 6 },
    acrn.virtio_blk { path = "/home/clear/uos/uos.img", slot = 3 },
    acrn.virtio_net { tap = "tap0", slot = 4 },
    acrn.virtio_rnd { slot = 7 },
    acrn.lpc { com2 = "/run/acrn/life_mngr_vm1" },
  },
}
