#!/bin/bash
# A fixture in the shape of ACRN 2.7's NUC launch_xenomai.sh: the image and
# kernel come from the script's options (getopts), slots are counted as
# devices are added (the image and kernel have defaults here), the kernel is installed into the image through a loop
# device, and -U, which acrn-dm 2.7 refuses.

usage() {
  echo "usage: $0 -k KERNEL.tar.gz -f IMAGE"
  exit 1
}

kernel_tar=/var/lib/acrn/xenomai-kernel.tar.gz
image=/var/lib/acrn/xenomai.img
slot=2
devices=""
while getopts k:f: opt; do
  case $opt in
    k) kernel_tar=$OPTARG ;;
    f) image=$OPTARG ;;
    *) usage ;;
  esac
done

tap=tap_rtvm
if [ -z "$(ip a | grep $tap)" ]; then
  ip tuntap add dev $tap mode tap
fi
ip link set "$tap" master acrn-br0
devices="$devices -s $slot,virtio-net,$tap"
slot=$((slot + 1))
devices="$devices -s $slot,virtio-blk,$image"

loop=$(losetup -f -P --show $image)
mount ${loop}p3 /mnt
tar xzf $kernel_tar -C /mnt
cp /mnt/boot/vmlinuz /tmp/bzImage.xenomai
umount /mnt
losetup -d $loop

/usr/bin/acrn-dm -A -m 1024M -s 0:0,hostbridge \
  -k /tmp/bzImage.xenomai \
  -U 495ae2e5-2603-4d64-af76-d4bc5a8ec0e5 \
  --lapic_pt --rtvm --virtio_poll 1000000 \
  -s 1,virtio-console,@stdio:stdio_port \
  $devices \
  --logger_setting "console,level=4;kmsg,level=3;disk,level=5" \
  -B "root=/dev/vda3 rw rootwait nohpet console=hvc0 isolcpus=1 nohz_full=1 tsc=reliable" \
  hard_rtvm
