-- expect: refused
-- args: --target 2.7
-- words: @8 | takes no regions
-- ssram regions on 2.7.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  ssram = { { cache = "L2", all = true, size = "512K" } },
  devices = {
    acrn.hostbridge {},
  },
}
