-- expect: refused
-- site: sandbox.lua
-- words: @7 | attempt to index a string value
-- H1: code planted in a device's metatable would run in trusted code
local acrn = require "acrn"
local disk = acrn.virtio_blk { path = "/a.img" }
getmetatable(disk).__newindex = function() end
return acrn.vm { name = "vm1", devices = { acrn.hostbridge {}, disk } }
