-- expect: refused
-- words: @6 | attempt to index a nil value
-- A runtime error in the recipe, at its line.
local acrn = require "acrn"
local disks = nil
local first = disks[1]
return acrn.vm { name = first, devices = { acrn.hostbridge {} } }
