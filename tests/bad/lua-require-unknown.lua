-- expect: refused
-- words: @5 | acrn.no_such_module
-- A recipe that requires a module that does not exist.
local acrn = require "acrn"
require "acrn.no_such_module"
return acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
