-- expect: refused
-- words: @6 | kparams: key must be a string, got table
-- L4: odd kparams values are reported at the recipe's line, never ?:-1
local acrn = require "acrn"
local params = acrn.kparams.new("quiet")
params:set({}, "x")
return acrn.vm { name = "vm1", bootargs = params, devices = { acrn.hostbridge {} } }
