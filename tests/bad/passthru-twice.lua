-- expect: refused
-- words: @10 | device #3 (passthru): bdf "0/1f/3" is already used by device #2
-- One host device passed through twice: the hypervisor refuses the second.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "00:1f.3" },
    acrn.passthru { bdf = "0/1f/3" },
  },
}
