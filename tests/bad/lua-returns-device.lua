-- expect: refused
-- words: must return a VM | table
-- The recipe returns a device instead of a VM.
local acrn = require "acrn"
return acrn.hostbridge {}
