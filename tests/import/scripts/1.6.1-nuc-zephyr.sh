#!/bin/bash
# A fixture in the shape of ACRN 1.6.1's NUC launch_zephyr.sh: the smallest
# memory acrn-dm takes and a pty console.

function start_zephyr()
{
  vm_name=zephyr_vm$1
  acrn-dm -A -m 128M -s 0:0,hostbridge -s 1:0,lpc -l com1,stdio \
    -s 5,virtio-console,@pty:pty_port \
    -s 3,virtio-blk,./zephyr.img \
    --ovmf /usr/share/acrn/bios/OVMF.fd \
    $vm_name
}

start_zephyr 1
