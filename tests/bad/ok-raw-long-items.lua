-- expect: accepted
-- argv: has "--x=" .. string.rep("a", 3000)
-- argv: has "--y=" .. string.rep("b", 3000)
-- Each raw item is an argument of its own: two of 3000 bytes are fine,
-- though together they pass 4096.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  raw = { "--x=" .. string.rep("a", 3000), "--y=" .. string.rep("b", 3000) },
  devices = {
    acrn.hostbridge {},
  },
}
