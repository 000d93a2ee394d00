-- expect: accepted
-- argv: after -B "a=1,2 b=x;y c='q' d=e:f"
-- The kernel command line is one argument after -B: ',' ';' ':' and
-- quotes reach the kernel as written.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = "a=1,2 b=x;y c='q' d=e:f",
  devices = {
    acrn.hostbridge {},
  },
}
