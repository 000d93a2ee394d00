-- expect: refused
-- words: @9 | cid 2 is out of range
-- CID 2 is the host's.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.vhost_vsock { cid = 2 },
  },
}
