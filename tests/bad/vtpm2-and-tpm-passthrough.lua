-- expect: refused
-- words: @7 | vtpm2 cannot go with a passed-through TPM
-- A software TPM and a passed-through one.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  vtpm2 = "/run/swtpm.sock", acpidev_pt = { { hid = "MSFT0101" } },
  devices = {
    acrn.hostbridge {},
  },
}
