-- Refused by site.lua: a host device that is not on the site's list.
local acrn = require "acrn"

return acrn.vm {
  name = "vm-nic",
  devices = { acrn.hostbridge {}, acrn.passthru { bdf = "03:00.0" } },
}
