-- expect: refused
-- words: @7 | devices must be a list, without other keys
-- acrn.vm given a table whose devices field is the table itself.
local acrn = require "acrn"
local fields = { name = "vm1" }
fields.devices = fields
return acrn.vm(fields)
