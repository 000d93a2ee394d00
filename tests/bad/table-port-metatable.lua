-- expect: refused
-- words: @10 | backend is required
-- A port whose fields come from a metatable: only its own fields count,
-- so backend is missing.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { ports = { setmetatable({}, { __index = { backend = "pty" } }) } },
  },
}
