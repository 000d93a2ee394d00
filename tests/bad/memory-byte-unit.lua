-- expect: refused
-- words: @7 | one unit of k, K, m, M, g, G
-- A unit acrn-dm does not take.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memory = "2048b",
  devices = {
    acrn.hostbridge {},
  },
}
