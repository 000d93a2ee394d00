-- expect: refused
-- words: @10 | vuart_idx needs ACRN 2.3 or later | opens vuart_idx:N as a tty path
-- A hypervisor vUART before 2.3, which acrn-dm opens as a tty path.
local acrn = require "acrn"
return acrn.vm {
  name = "vm1",
  target = "2.2",
  devices = {
    acrn.hostbridge {},
    acrn.uart { vuart_idx = 1 },
  },
}
