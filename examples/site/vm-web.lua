-- Accepted by site.lua: an image under /var/lib/acrn/images, 2G, a tap.
local acrn = require "acrn"

return acrn.vm {
  name = "vm-web",
  memory = "2G",
  kernel = "/var/lib/acrn/kernels/bzImage",
  bootargs = { "root=/dev/vda1", "rw", "debug" },
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/acrn/images/web.img" },
    acrn.virtio_net { tap = "tap_web", mac = "02:00:00:00:01:01" },
  },
}
