-- expect: refused
-- site: sandbox.lua
-- words: @7 | target "auto" is not resolved inside the sandbox
-- C1: no program runs inside the sandbox, not even acrn-dm -v
local acrn = require "acrn"
local vm = acrn.vm { name = "vm1", target = "auto", devices = { acrn.hostbridge {} } }
vm:plan()
return vm
