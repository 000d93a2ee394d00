-- expect: refused
-- words: unbalanced quote | @5
-- An opening quote without its end.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  bootargs = 'init="/bin/sh',
  devices = {
    acrn.hostbridge {},
  },
}
