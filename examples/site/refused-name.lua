-- Refused by site.lua: the name is not vm-NAME.
local acrn = require "acrn"

return acrn.vm { name = "Web_Server", devices = { acrn.hostbridge {} } }
