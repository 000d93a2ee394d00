-- expect: refused
-- words: @6 | raw must be a list without holes
-- a list with a hole was refused with a message read from uninitialized
-- memory (bytes of the launcher's stack were printed)
local acrn = require "acrn"
return acrn.vm { name = "vm1", raw = { nil, "--x", "--y" }, devices = { acrn.hostbridge {} } }
