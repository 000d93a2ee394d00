-- expect: refused
-- words: @5 | devices must be a list of devices, not string
-- devices given as a string.
local acrn = require "acrn"
return acrn.vm { name = "vm1", devices = "hostbridge" }
