#!/bin/bash
# A fixture in the shape of ACRN 2.7's NUC launch_user_vm.sh: 1.6.1's
# launch function without the power management words, CPUs handed to the
# hypervisor through acrn_hsm.

function start_clear()
{
  host_mac=$(cat /sys/class/net/e*/address)
  vm_name=vm$1
  seed=${host_mac:9:8}-${vm_name}
  logging="--logger_setting console,level=4;kmsg,level=3;disk,level=5"

  acrn-dm -A -m 2048M -s 0:0,hostbridge \
    -s 2,pci-gvt -G "$2" \
    -s 5,virtio-console,@stdio:stdio_port \
    -s 6,virtio-hyper_dmabuf \
    -s 3,virtio-blk,/home/clear/user_vm/user_vm.img \
    -s 4,virtio-net,tap0 \
    -s 7,virtio-rnd \
    --ovmf /usr/share/acrn/bios/OVMF.fd \
    $logging \
    --mac_seed $seed \
    $vm_name
}

for cpu in $(ls -d /sys/devices/system/cpu/cpu[1-99]); do
  state=$(cat $cpu/online)
  if [ "$state" = "1" ]; then
    echo 0 > $cpu/online
    echo $(echo $cpu | tr -cd "[1-99]") > /sys/devices/virtual/misc/acrn_hsm/remove_cpu
  fi
done

if [ "$1" = "-C" ]; then
  echo "runC is gone from this fixture"
else
  start_clear 1 "64 448 8" 0x070F00
fi
