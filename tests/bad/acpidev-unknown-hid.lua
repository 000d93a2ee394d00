-- expect: refused
-- words: @7 | is not one of MSFT0101, PNP0501
-- An ACPI device the core does not know.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  acpidev_pt = { { hid = "ABCD0001" } },
  devices = {
    acrn.hostbridge {},
  },
}
