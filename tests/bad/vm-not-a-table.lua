-- expect: refused
-- words: @5 | acrn.vm takes a table of fields, not string
-- acrn.vm given a string.
local acrn = require "acrn"
return acrn.vm("vm1")
