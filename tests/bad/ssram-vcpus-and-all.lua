-- expect: refused
-- words: @7 | give either vcpus or all = true
-- vcpus and all together.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  ssram = { { cache = "L2", vcpus = { 1 }, all = true, size = "512K" } },
  devices = {
    acrn.hostbridge {},
  },
}
