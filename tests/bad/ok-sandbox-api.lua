-- expect: accepted
-- site: sandbox.lua
-- argv: after -U "00000000-0000-0000-0000-000000000000"
-- argv: has "3,virtio-blk,/a.img"
-- what a sandboxed recipe may call runs inside the sandbox's system call
-- filter: a new UUID, the clocks, rendering, planning, the catalogue
local acrn = require "acrn"
local vm = acrn.vm { name = "vm1", target = "2.6", uuid = acrn.uuid(),
  devices = { acrn.hostbridge {}, acrn.virtio_blk { path = "/a.img" } } }
local seen = { os.time(), os.clock(), os.date("%Y"), os.getenv("PATH"), tostring(vm),
  tostring(vm.devices[2]), vm:json(), vm:recipe(), #vm:plan().argv, vm:check(),
  #acrn.targets, acrn.supports("3.3", "virtio_blk"), #acrn.catalog.emulations,
  acrn.kparams.new("a b=c"):render(), #acrn.layout.policies(), type(acrn.profiles.kata) }
assert(#seen == 16 and seen[5]:find("vm1", 1, true))
vm.uuid = "00000000-0000-0000-0000-000000000000"
return vm
