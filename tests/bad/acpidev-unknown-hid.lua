-- expect: refused
-- words: @5 | not a known ACPI device
-- An ACPI device the core does not know.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  acpidev_pt = { { hid = "ABCD0001" } },
  devices = {
    acrn.hostbridge {},
  },
}
