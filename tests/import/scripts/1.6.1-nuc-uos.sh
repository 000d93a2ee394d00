#!/bin/bash
# A fixture in the shape of ACRN 1.6.1's NUC launch_uos.sh (written for
# acrn-launch's tests): a launch function called with its arguments, the VM
# name and memory in variables, option words kept in variables that the
# call splits, a MAC seed read from the host, a runC branch for -C, and the
# loop that takes CPUs offline.

hv_node="/sys/class/vhm/acrn_vhm"
if [ -e "/dev/acrn_hsm" ]; then
  hv_node="/sys/class/acrn/acrn_hsm"
fi

function start_in_container()
{
  name=vm1
  bundle="/usr/share/acrn/conf/add/runc/$name"
  runc run --bundle $bundle -d $name
  exit
}

function start_clear()
{
  host_mac=$(cat /sys/class/net/e*/address)
  vm_name=vm$1
  seed=${host_mac:9:8}-${vm_name}

  running=$(pgrep -a -f acrn-dm)
  found=$(echo $running | grep -w "${vm_name}")
  if [[ "$found" != "" ]]; then
    echo "$vm_name is already running"
    exit
  fi

  logging="--logger_setting console,level=4;kmsg,level=3;disk,level=5"
  pm_notify="--pm_notify_channel uart "
  pm_vuart="--pm_by_vuart pty,/run/acrn/life_mngr_"$vm_name
  pm_lpc=" -s 1:0,lpc -l com2,/run/acrn/life_mngr_"$vm_name
  memory=2048M

  acrn-dm -A -m $memory -s 0:0,hostbridge \
    -s 2,pci-gvt -G "$2" \
    -s 5,virtio-console,@stdio:stdio_port \
    -s 6,virtio-hyper_dmabuf \
    -s 3,virtio-blk,/home/clear/uos/uos.img \
    -s 4,virtio-net,tap0 \
    -s 7,virtio-rnd \
    --ovmf /usr/share/acrn/bios/OVMF.fd \
    $pm_notify $pm_vuart $pm_lpc \
    $logging \
    --mac_seed $seed \
    $vm_name
}

for cpu in `ls -d /sys/devices/system/cpu/cpu[1-99]`; do
  state=`cat $cpu/online`
  n=`echo $cpu | tr -cd "[1-99]"`
  if [ "$state" = "1" ]; then
    echo 0 > $cpu/online
    while [ "$state" = "1" ]; do
      sleep 1
      echo 0 > $cpu/online
      state=`cat $cpu/online`
    done
    echo $n > ${hv_node}/offline_cpu
  fi
done

if [ "$1" = "-C" ]; then
  start_in_container
else
  start_clear 1 "64 448 8" 0x070F00
fi
