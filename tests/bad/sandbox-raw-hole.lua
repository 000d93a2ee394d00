-- expect: refused
-- site: sandbox.lua
-- words: @7 | raw must be a list
-- the same list with a hole, sent back by the sandbox: refused with a
-- message of the launcher's own, nothing read from uninitialized memory
local acrn = require "acrn"
return acrn.vm { name = "vm1", raw = { nil, "--x", "--y" }, devices = { acrn.hostbridge {} } }
