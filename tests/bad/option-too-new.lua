-- expect: refused
-- args: --target 2.7
-- words: @8 | cmd_monitor needs ACRN 3.0 or later
-- cmd_monitor before 3.0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  cmd_monitor = "/run/vm1.monitor",
  devices = {
    acrn.hostbridge {},
  },
}
