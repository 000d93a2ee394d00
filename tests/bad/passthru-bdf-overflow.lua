-- expect: refused
-- known-bug: acrn_bdf_parse wraps hex numbers above 32 bits: this is taken for 00:1f.3
-- words: @10 | is not a host PCI device
-- A bus number beyond 32 bits must not wrap to bus 0.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  devices = {
    acrn.hostbridge {},
    acrn.passthru { bdf = "100000000:1f.3" },
  },
}
