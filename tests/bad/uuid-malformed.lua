-- expect: refused
-- args: --target 2.6
-- words: @8 | not a UUID
-- Not a UUID.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  uuid = "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2",
  devices = {
    acrn.hostbridge {},
  },
}
