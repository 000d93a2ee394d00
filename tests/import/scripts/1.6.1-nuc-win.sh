#!/bin/bash
# A fixture in the shape of ACRN 1.6.1's NUC launch_win.sh: Windows with
# GVT-g, its arguments passed to the launch function.

start_windows()
{
  vm_name=win_vm$1
  gvt_args=$2
  acrn-dm -A -m 4096M -s 0:0,hostbridge -s 1:0,lpc -l com1,stdio \
    -s 2,pci-gvt -G "$gvt_args" \
    -s 3,virtio-blk,./win10-ltsc.img \
    -s 4,virtio-net,tap0 \
    --ovmf /usr/share/acrn/bios/OVMF.fd \
    --windows \
    $vm_name
}

start_windows 1 "64 448 8"
