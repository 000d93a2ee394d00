#!/bin/bash
# A fixture in the shape of ACRN 2.7's NUC launch_hard_rt_vm.sh: as 1.6.1's,
# still with -U, which acrn-dm 2.7 no longer takes.

modprobe pci_stub
echo "8086 f1a6" > /sys/bus/pci/drivers/pci-stub/new_id
echo "0000:02:00.0" > /sys/bus/pci/devices/0000:02:00.0/driver/unbind
echo "0000:02:00.0" > /sys/bus/pci/drivers/pci-stub/bind

for cpu in $(ls -d /sys/devices/system/cpu/cpu[1-99]); do
  if [ "$(cat $cpu/online)" = "1" ]; then
    echo 0 > $cpu/online
    echo $(echo $cpu | tr -cd "[1-99]") > /sys/devices/virtual/misc/acrn_hsm/remove_cpu
  fi
done

/usr/bin/acrn-dm -A -m 1024M -s 0:0,hostbridge \
  --lapic_pt --rtvm --virtio_poll 1000000 \
  -U 495ae2e5-2603-4d64-af76-d4bc5a8ec0e5 \
  -s 2,passthru,02/0/0 \
  -s 3,virtio-console,@stdio:stdio_port \
  --ovmf /usr/share/acrn/bios/OVMF.fd \
  hard_rtvm
