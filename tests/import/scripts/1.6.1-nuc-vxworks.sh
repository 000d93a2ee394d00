#!/bin/bash
# A fixture in the shape of ACRN 1.6.1's NUC launch_vxworks.sh: LAPIC
# passthrough without --rtvm, polled virtio and a relative image path.

function start_vxworks()
{
  vm_name=vxworks_vm$1
  if pgrep -a -f acrn-dm | grep -qw "$vm_name"; then
    echo "$vm_name runs already"
    exit
  fi
  acrn-dm -A -m 2048M -s 0:0,hostbridge \
    -s 5,virtio-console,@stdio:stdio_port \
    -s 3,virtio-blk,./VxWorks.img \
    --virtio_poll 1000000 \
    --ovmf /usr/share/acrn/bios/OVMF.fd \
    --lapic_pt \
    $vm_name
}

for cpu in `ls -d /sys/devices/system/cpu/cpu[1-99]`; do
  if [ "`cat $cpu/online`" = "1" ]; then
    echo 0 > $cpu/online
    echo `echo $cpu | tr -cd "[1-99]"` > /sys/class/vhm/acrn_vhm/offline_cpu
  fi
done

start_vxworks 1
