-- The Kata Containers sandbox "4f2c9a", as Kata's ACRN driver started it.
-- The target decides the syntax: --target 2.6 gives -U, -A and "tap0_kata";
-- --target 3.3 (the default) drops -U and -A and writes "tap=tap0_kata".
-- acrn-launch -n --target 2.6 examples/kata-sandbox.lua
local acrn = require "acrn"

local id = arg and arg[1] or "4f2c9a"
local run = "/run/vc/vm/" .. id

return acrn.profiles.kata {
  id = id,
  image = "/usr/share/kata-containers/kata-containers.img",
  kernel = "/usr/share/kata-containers/vmlinuz.container",
  memory = 2048,
  max_vcpus = 1,
  debug = false,
  console = run .. "/console.sock",
  agent = run .. "/kata.sock",
  networks = { { tap = "tap0_kata", mac = "02:00:ca:fe:00:04" } },
}
