-- expect: refused
-- words: @7 | ovmf: path must be a string, not table
-- An OVMF record that refers to itself.
local acrn = require "acrn"
local cycle = {}
cycle.path = cycle
return acrn.vm {
  name = "vm1",
  ovmf = cycle,
  devices = {
    acrn.hostbridge {},
  },
}
