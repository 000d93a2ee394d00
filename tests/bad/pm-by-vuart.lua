-- expect: refused
-- args: --target 2.7
-- words: @8 | not pty,PATH or tty,PATH
-- pm_by_vuart without pty, or tty,.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  pm_by_vuart = "/dev/ttyS1",
  devices = {
    acrn.hostbridge {},
  },
}
