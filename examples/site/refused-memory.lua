-- Refused by site.lua: more memory than a VM may have.
local acrn = require "acrn"

return acrn.vm { name = "vm-big", memory = "16G", devices = { acrn.hostbridge {} } }
