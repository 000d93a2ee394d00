-- expect: refused
-- words: stack overflow
-- Unbounded recursion in the recipe: a clean error, no crash.
local acrn = require "acrn"
local function deeper(n) return 1 + deeper(n + 1) end
deeper(1)
return acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
