-- expect: refused
-- words: @7 | pm_notify_channel "uart" was removed in ACRN 3.0 | aborts
-- The uart channel on 3.x, which ignores the pm_by_vuart it needs.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  pm_notify_channel = "uart",
  devices = {
    acrn.hostbridge {},
  },
}
