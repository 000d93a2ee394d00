-- expect: refused
-- args: --target 2.4
-- words: @8 | needs ACRN 2.5 or later
-- uart,allow_trigger_s5 before 2.5 (acrn-dm 2.5 main.c:981).
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  pm_notify_channel = "uart,allow_trigger_s5",
  devices = {
    acrn.hostbridge {},
  },
}
