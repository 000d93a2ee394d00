-- expect: refused
-- words: @9 | aio "posix" is not one of threads, io_uring
-- An aio mode acrn-dm does not know.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "/var/lib/vm1.img", aio = "posix" },
  },
}
