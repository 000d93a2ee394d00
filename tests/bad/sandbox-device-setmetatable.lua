-- expect: refused
-- site: sandbox.lua
-- words: @7 | cannot change a protected metatable
-- H1: nor may a device get a metatable of the recipe's
local acrn = require "acrn"
local disk = acrn.virtio_blk { path = "/a.img" }
setmetatable(disk, { __index = function() while true do end end })
return acrn.vm { name = "vm1", devices = { acrn.hostbridge {}, disk } }
