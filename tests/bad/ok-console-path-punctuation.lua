-- expect: accepted
-- argv: has "4,virtio-console,file:log=/var/log/a;b=c'd"
-- ';', '=' and a quote in a console file path: acrn-dm splits the
-- port at ',' and ':' only.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.virtio_console { slot = 4, ports = { { backend = "file", name = "log", path = "/var/log/a;b=c'd" } } },
  },
}
