-- expect: refused
-- words: @5 | unknown field "memroy" | memory
-- A misspelt VM field.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  memroy = "2G",
  devices = {
    acrn.hostbridge {},
  },
}
