-- expect: refused
-- words: @5 | no disk image configured for this host
-- The recipe raises its own error.
local acrn = require "acrn"
error("no disk image configured for this host")
return acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
