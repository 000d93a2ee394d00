-- expect: refused
-- words: @10 | a GPU through to a real-time VM
-- The integrated GPU in an RT VM: acrn-dm refuses GVT-D there.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  rtvm = true,
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "00:02.0", slot = 2 },
  },
}
