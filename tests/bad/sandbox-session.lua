-- expect: refused
-- site: sandbox.lua
-- words: @6 | field 'session'
-- the session (run directory, root, program) is the launcher's
local acrn = require "acrn"
local session = acrn.session.current()
return acrn.vm { name = "vm1", dm = session.dm, devices = { acrn.hostbridge {} } }
