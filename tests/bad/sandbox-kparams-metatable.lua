-- expect: refused
-- site: sandbox.lua
-- words: @7 | attempt to index a string value
-- H1: a kparams list's metatable is hidden as well
local acrn = require "acrn"
local params = acrn.kparams.new("quiet")
getmetatable(params).__index = function() while true do end end
return acrn.vm { name = "vm1", bootargs = params, devices = { acrn.hostbridge {} } }
