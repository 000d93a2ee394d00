-- expect: refused
-- words: @5 | device #2 (virtio-blk) | ','
-- A device field changed to a bad value after the constructor.
local acrn = require "acrn"
local disk = acrn.virtio_blk { path = "/var/lib/vm1.img" }
disk.path = "/var/lib/a,b.img"
return acrn.vm { name = "vm1", devices = { acrn.hostbridge {}, disk } }
