-- expect: refused
-- words: @6 | value of key "console" must be a string, an integer or true, got table
-- kparams:add with a value that is a table.
local acrn = require "acrn"
local args = acrn.kparams.new("rw")
args:add("console", {})
return acrn.vm { name = "vm1", bootargs = args, devices = { acrn.hostbridge {} } }
