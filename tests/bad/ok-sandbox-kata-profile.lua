-- expect: accepted
-- site: sandbox.lua
-- argv: has "sandbox-0123456"
-- argv: after -k "/k"
-- a shipped profile runs in the sandbox's process, and its VM comes back
local acrn = require "acrn"
return acrn.profile("kata", { id = "0123456", image = "/img", kernel = "/k", memory = 512,
  console = "/run/vc/console.sock", agent = "/run/vc/kata.sock" })
