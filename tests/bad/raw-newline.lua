-- expect: refused
-- words: @7 | raw[1] | line break
-- A newline in a raw argument.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  raw = { "--debug\n" },
  devices = {
    acrn.hostbridge {},
  },
}
