-- expect: accepted
-- argv: after -G "64 448 8,x"
-- pci_gvt's args go to -G whole.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  target = "2.7",
  devices = {
    acrn.hostbridge {},
    acrn.pci_gvt { slot = 2, args = "64 448 8,x" },
  },
}
