-- expect: refused
-- words: layout "lossy" returned 0 placements for 1 devices | @6
-- A registered layout that loses a device.
local acrn = require "acrn"
acrn.layout.register("lossy", function() return {} end)
return acrn.vm { name = "vm1", layout = "lossy", devices = { acrn.hostbridge {} } }
