-- expect: refused
-- words: @13 | ports has 17 items | at most 16
-- 17 ports: acrn-dm takes 16.
local acrn = require "acrn"
local ports = {}
for i = 1, 17 do
  ports[i] = { backend = "pty", name = "p" .. i }
end
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = ports },
  },
}
