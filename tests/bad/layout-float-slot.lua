-- expect: refused
-- words: slot must be an integer | 1e+308
-- A registered layout that answers a fractional slot.
local acrn = require "acrn"
acrn.layout.register("fraction", function(items)
  local out = {}
  for i = 1, #items do out[i] = { bus = 0, slot = 1e308, func = 0 } end
  return out
end)
return acrn.vm { name = "vm1", layout = "fraction", devices = { acrn.hostbridge {} } }
