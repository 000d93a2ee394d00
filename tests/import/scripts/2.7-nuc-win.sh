#!/bin/bash
# A fixture in the shape of ACRN 2.7's NUC launch_win.sh: the integrated GPU
# and the audio controller bound to pci-stub from associative arrays, a tap
# made by a function and put on acrn-br0, audio passed through or emulated by
# what the host has, lpc at 31:0, and -U, which acrn-dm 2.7 refuses.

declare -A vendor_device
declare -A host_bdf
vendor_device=(
  ["gpu"]="8086 3ea0"
  ["audio"]="8086 9dc8"
)
host_bdf=(
  ["gpu"]="0000:00:02.0"
  ["audio"]="0000:00:1f.3"
)

function make_tap() {
  tap=$1
  if [ -z "$(ip a | grep "$tap")" ]; then
    ip tuntap add dev $tap mode tap
    ip link set "$tap" master acrn-br0
  fi
  ip link set dev "$tap" up
}

function to_pci_stub() {
  echo ${vendor_device[$1]} > /sys/bus/pci/drivers/pci-stub/new_id
  echo ${host_bdf[$1]} > /sys/bus/pci/devices/${host_bdf[$1]}/driver/unbind
  echo ${host_bdf[$1]} > /sys/bus/pci/drivers/pci-stub/bind
}

function start_windows()
{
  vm_name=post_vm_id$1
  make_tap tap_WaaG
  modprobe pci_stub
  to_pci_stub gpu
  audio_option="-s 5,virtio-audio"
  if [ ! -e /dev/vbs_k_audio ]; then
    to_pci_stub audio
    audio_option="-s 5,passthru,00/1f/3"
  fi
  memory=4096M
  storms="--intr_monitor 10000,10,1,100"
  logging="--logger_setting console,level=4;kmsg,level=3;disk,level=5"
  acrn-dm -A -m $memory -s 0:0,hostbridge -U d2795438-25d6-11e8-864e-cb7a18b34643 \
    --windows \
    $logging \
    -s 6,virtio-blk,./win10-ltsc.img \
    -s 7,virtio-net,tap_WaaG \
    -s 2,passthru,0/2/0 \
    --ovmf /usr/share/acrn/bios/OVMF.fd \
    $storms \
    -s 31:0,lpc \
    -l com1,stdio \
    $audio_option \
    $vm_name
}

start_windows 1
