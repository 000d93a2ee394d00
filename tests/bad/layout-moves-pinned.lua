-- expect: refused
-- words: moved the device pinned at 0:4.0
-- A registered layout that moves a pinned device.
local acrn = require "acrn"
acrn.layout.register("mover", function(items)
  local out = {}
  for i = 1, #items do out[i] = { bus = 0, slot = i + 9, func = 0 } end
  return out
end)
return acrn.vm { name = "vm1", layout = "mover",
  devices = { acrn.hostbridge {}, acrn.virtio_rnd { slot = 4 } } }
