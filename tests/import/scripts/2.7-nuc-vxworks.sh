#!/bin/bash
# A fixture in the shape of ACRN 2.7's NUC launch_vxworks.sh.

start_vxworks() {
  local vm_name=vxworks_vm$1
  acrn-dm -A -m 2048M -s 0:0,hostbridge \
    -s 5,virtio-console,@stdio:stdio_port \
    -s 3,virtio-blk,./VxWorks.img \
    --ovmf /usr/share/acrn/bios/OVMF.fd \
    $vm_name
}

start_vxworks 1
