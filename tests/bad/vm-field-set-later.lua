-- expect: refused
-- words: @6 | unknown VM field "memroy"
-- An unknown field set on the VM after acrn.vm.
local acrn = require "acrn"
local vm = acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
vm.memroy = "2G"
return vm
