-- expect: accepted
-- argv: after -k "/boot/\xff\xfe\xc3\x28.img"
-- Bytes that are not UTF-8 in the kernel path: acrn-dm reads bytes.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  kernel = "/boot/\xff\xfe\xc3\x28.img",
  devices = {
    acrn.hostbridge {},
  },
}
