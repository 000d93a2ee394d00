-- expect: accepted
-- argv: after --opt "a,b=c;d"
-- Each raw item is its own argument: a ',' stays inside it.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  raw = { "--opt", "a,b=c;d" },
  devices = {
    acrn.hostbridge {},
  },
}
