-- expect: refused
-- words: @7 | '}' expected
-- A recipe that is not valid Lua: the parser's message, at its line.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1"
  devices = {}
}
