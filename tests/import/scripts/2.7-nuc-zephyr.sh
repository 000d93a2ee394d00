#!/bin/bash
# A fixture in the shape of ACRN 2.7's NUC launch_zephyr.sh.

function start_zephyr()
{
  vm_name=zephyr_vm$1
  acrn-dm -A -m 128M -s 0:0,hostbridge -s 1:0,lpc -l com1,stdio \
    -s 5,virtio-console,@pty:pty_port \
    -s 3,virtio-blk,./zephyr.img \
    --ovmf /usr/share/acrn/bios/OVMF.fd \
    $vm_name
}

for cpu in $(ls -d /sys/devices/system/cpu/cpu[1-99]); do
  if [ "$(cat $cpu/online)" = "1" ]; then
    echo 0 > $cpu/online
  fi
done
start_zephyr 1
