-- expect: refused
-- site: sandbox.lua
-- words: @7 | vm:check_host is not available to a sandboxed recipe
-- the host is the launcher's to check, once the recipe has returned
local acrn = require "acrn"
local vm = acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
vm:check_host()
return vm
