-- expect: refused
-- words: table
-- The recipe raises a table: refused, without a crash.
local acrn = require "acrn"
error({ code = 42 })
return acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
