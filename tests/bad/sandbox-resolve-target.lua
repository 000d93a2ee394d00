-- expect: refused
-- site: sandbox.lua
-- words: @6 | field 'resolve_target'
-- C1: resolve_target would run any program as root: not in the sandbox
local acrn = require "acrn"
acrn.resolve_target("auto", "/tmp/evil")
return acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
