-- expect: refused
-- site: sandbox.lua
-- words: @7 | kparams: call add as a method
-- L4: odd kparams calls are reported at the recipe's line, never ?:-1
local acrn = require "acrn"
local params = acrn.kparams.new("quiet")
params.add("debug")
return acrn.vm { name = "vm1", bootargs = params, devices = { acrn.hostbridge {} } }
