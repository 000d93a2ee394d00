-- expect: refused
-- words: @7 | not a size like
-- A region size in G.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  ssram = { { cache = "L2", all = true, size = "1G" } },
  devices = {
    acrn.hostbridge {},
  },
}
