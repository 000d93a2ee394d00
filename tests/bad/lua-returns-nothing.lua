-- expect: refused
-- words: must return a VM | nil
-- The recipe returns nothing.
local acrn = require "acrn"
acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
