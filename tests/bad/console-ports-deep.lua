-- expect: refused
-- words: @14 | ports[1]: unknown field number
-- Ports nested 10000 tables deep: refused, no crash.
local acrn = require "acrn"
local deep = {}
do
  local t = deep
  for _ = 1, 10000 do t[1] = {} t = t[1] end
end
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = deep },
  },
}
