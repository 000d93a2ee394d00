-- expect: refused
-- site: sandbox.lua
-- words: the recipe ran past its
-- M3: a message handler that loops when the budget is hit
local function loop()
  while true do end
end
xpcall(loop, loop)
while true do end
