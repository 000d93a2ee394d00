-- expect: refused
-- words: @7 | uuid was removed in ACRN 2.7 | target 3.3
-- -U is gone from ACRN 2.7.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  uuid = "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f",
  devices = {
    acrn.hostbridge {},
  },
}
