-- Direct kernel boot: kernel, initrd and a kernel command line built as a
-- list, so that a site or a later line can replace one parameter.
-- acrn-launch -n examples/direct-boot.lua
local acrn = require "acrn"

local bootargs = acrn.kparams.new "console=ttyS0 root=/dev/vda2 rw rootwait"
bootargs:set("root", "/dev/vda1")        -- replaces root=/dev/vda2 where it stood
bootargs:add("init", "/sbin/init")

return acrn.vm {
  name = "direct-boot",
  memory = 1024,                          -- MiB: rendered as 1024M
  kernel = "/var/lib/acrn/vmlinuz",
  ramdisk = "/var/lib/acrn/initrd.img",
  bootargs = bootargs,
  devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.virtio_blk { path = "/var/lib/acrn/rootfs.img", cache = "writeback" },
    acrn.virtio_blk { path = "/var/lib/acrn/data.img", ro = true },
  },
}
