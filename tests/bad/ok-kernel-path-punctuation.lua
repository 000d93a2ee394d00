-- expect: accepted
-- argv: after -k "/boot/a,b:c=d;e'f"
-- Punctuation in the kernel path: -k takes the next argument whole,
-- so ',' ':' '=' ';' and a quote reach acrn-dm as written.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  kernel = "/boot/a,b:c=d;e'f",
  devices = {
    acrn.hostbridge {},
  },
}
