-- expect: refused
-- words: @6 | vm:add takes a device
-- vm:add with something that is not a device.
local acrn = require "acrn"
local vm = acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
vm:add({ kind = "virtio-rnd" })
return vm
