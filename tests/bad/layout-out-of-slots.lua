-- expect: refused
-- words: @7 | device #29 (virtio-rnd) | no free PCI slot
-- More devices than the layout has slots for.
local acrn = require "acrn"
local vm = acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
for _ = 1, 28 do
  vm:add(acrn.virtio_rnd {})
end
return vm
