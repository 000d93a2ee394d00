-- expect: refused
-- words: @10 | vhost-vsock needs ACRN 3.0 or later | target 2.7
-- A device the target does not have yet.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  target = "2.7",
  devices = {
    acrn.hostbridge {},
    acrn.vhost_vsock { cid = 3 },
  },
}
