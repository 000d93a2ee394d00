-- expect: refused
-- words: @9 | cid -3 is out of range
-- A negative CID.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.vhost_vsock { cid = -3 },
  },
}
