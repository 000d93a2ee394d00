#!/bin/bash
# A fixture in the shape of ACRN 1.6.1's NUC launch_hard_rt_vm.sh: an RT VM
# with an NVMe disk bound to pci-stub by hand, acrn-dm by its full path, and
# -U (fine up to 2.6).

declare -A ids
ids=(["nvme"]="8086 f1a6" ["eth"]="8086 156f")
declare -A bdfs
bdfs=(["nvme"]="0000:02:00.0" ["eth"]="0000:00:1f.6")

function start_rt()
{
  modprobe pci_stub
  echo ${ids["nvme"]} > /sys/bus/pci/drivers/pci-stub/new_id
  echo ${bdfs["nvme"]} > /sys/bus/pci/devices/${bdfs["nvme"]}/driver/unbind
  echo ${bdfs["nvme"]} > /sys/bus/pci/drivers/pci-stub/bind
  # the Ethernet port could go too:
  #echo ${bdfs["eth"]} > /sys/bus/pci/drivers/pci-stub/bind

  memory=1024M
  pm="--pm_notify_channel uart --pm_by_vuart tty,/dev/ttyS1"
  /usr/bin/acrn-dm -A -m $memory -s 0:0,hostbridge \
    --lapic_pt --rtvm --virtio_poll 1000000 \
    -U 495ae2e5-2603-4d64-af76-d4bc5a8ec0e5 \
    -s 2,passthru,02/0/0 \
    -s 3,virtio-console,@stdio:stdio_port \
    $pm \
    --ovmf /usr/share/acrn/bios/OVMF.fd \
    hard_rtvm
}

for cpu in `ls -d /sys/devices/system/cpu/cpu[1-99]`; do
  state=`cat $cpu/online`
  n=`echo $cpu | tr -cd "[1-99]"`
  if [ "$state" = "1" ]; then
    echo 0 > $cpu/online
    echo $n > /sys/class/vhm/acrn_vhm/offline_cpu
  fi
done

start_rt
