-- expect: refused
-- site: sandbox.lua
-- words: @6 | field 'blkrescan'
-- C2: blkrescan runs acrnctl as root and touches the run directory
local acrn = require "acrn"
acrn.blkrescan("../../..", 0, "/x.img", "/tmp/evil")
return acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
