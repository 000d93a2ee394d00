#!/bin/bash
# A fixture in the shape of ACRN 2.7's launch_ubuntu.sh: a kernel and its
# command line with commas, and a logger level above 5.

function start_ubuntu()
{
  vm_name=ubuntu_vm$1
  logging="--logger_setting console,level=5;kmsg,level=6;disk,level=5"
  if pgrep -a -f acrn-dm | grep "$vm_name"; then
    echo "$vm_name runs already"
    exit
  fi
  acrn-dm -A -m 1024M -s 0:0,hostbridge \
    -s 3,virtio-blk,/home/guestl1/acrn-dm-bins/ubuntuUserVM.img \
    -s 4,virtio-net,tap0 \
    -s 5,virtio-console,@stdio:stdio_port \
    -k /home/guestl1/acrn-dm-bins/bzImage_user_vm \
    -B "earlyprintk=serial,ttyS0,115200n8 consoleblank=0 root=/dev/vda1 rw rootwait maxcpus=1 nohpet console=tty0 console=hvc0 console=ttyS0 no_timer_check ignore_loglevel log_buf_len=16M tsc=reliable" \
    $logging \
    $vm_name
}

start_ubuntu 1 "64 448 8"
