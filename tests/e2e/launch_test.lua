-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch's face: the real exec path through the stand-in acrn-dm, the
-- options, the exit codes, and what goes to stdout and stderr.
local spec = require "spec"
local launcher = require "launcher"

local minimal = launcher.source .. "/examples/minimal.lua"

local has = spec.has

spec.it("a launch logs the shell-quoted command, then execs acrn-dm", function()
  local result = launcher.run({ minimal })
  spec.eq(result.status, 0, "exit status")
  spec.eq(result.stdout, "", "stdout")
  has(result.stderr, "acrn-launch: exec " .. launcher.stand_in .. " -m 2048M ")
  has(result.stderr, "-B 'root=/dev/vda1 rw console=ttyS0' vm1\n")
  spec.eq(result.argv[#result.argv], "vm1", "the name comes last")
end)

spec.it("--dm beats ACRN_DM, which beats the recipe's dm", function()
  local other = launcher.write("other-dm", "#!/bin/sh\necho other > \"$ACRN_DM_RECORD\"\n", "755")
  local recipe = launcher.write("dm.lua", 'local acrn = require "acrn"\n'
    .. 'return acrn.vm { name = "v", dm = "/nonexistent/dm", devices = { acrn.hostbridge {} } }\n')
  local result = launcher.run({ "--dm", other, recipe })
  spec.eq(result.argv, { "other" }, "--dm wins")
  result = launcher.run({ "--dm=" .. other, recipe })
  spec.eq(result.argv, { "other" }, "--dm=PATH works too")
  result = launcher.run({ recipe })
  spec.eq(result.argv, { "-s", "0:0,hostbridge", "v" }, "ACRN_DM beats the recipe")
  result = launcher.run({ recipe }, { dm = false })
  spec.eq(result.status, 127, "the recipe's dm, missing: " .. result.stderr)
  has(result.stderr, "/nonexistent/dm")
end)

spec.it("acrn-dm missing exits 127 and names it", function()
  local result = launcher.run({ "--dm", "/nonexistent/acrn-dm", minimal })
  spec.eq(result.status, 127, "exit status")
  has(result.stderr, "cannot execute /nonexistent/acrn-dm: No such file or directory")
end)

spec.it("acrn-dm not executable exits 126", function()
  local path = launcher.write("not-executable", "#!/bin/sh\n", "644")
  local result = launcher.run({ "--dm", path, minimal })
  spec.eq(result.status, 126, "exit status")
  has(result.stderr, "cannot execute " .. path .. ": Permission denied")
end)

spec.it("-n prints the command line on stdout and runs nothing", function()
  local result = launcher.run({ "-n", minimal })
  spec.eq(result.status, 0, "exit status")
  spec.eq(result.argv, nil, "the stand-in must not run")
  spec.eq(result.stderr, "", "stderr")
  has(result.stdout, launcher.stand_in .. " -m 2048M -s 0:0,hostbridge ")
  spec.eq(select(2, result.stdout:gsub("\n", "")), 1, "exactly one line")
end)

spec.it("warnings go to stderr in every mode", function()
  local recipe = launcher.write("acpi.lua", 'local acrn = require "acrn"\n'
    .. 'return acrn.vm { name = "v", acpi = true, devices = { acrn.hostbridge {} } }\n')
  for _, args in ipairs({ { "-n", recipe }, { recipe } }) do
    local result = launcher.run(args)
    spec.eq(result.status, 0, "exit status")
    has(result.stderr, "acrn-launch: warning: acpi is ignored by acrn-dm from ACRN 3.0 on")
  end
end)

spec.it("--target decides the syntax and is validated", function()
  local recipe = launcher.source .. "/examples/kata-sandbox.lua"
  local old = launcher.run({ "--target", "2.6", recipe })
  local new = launcher.run({ "--target=3.3", recipe })
  spec.eq(old.argv[1], "-U", "2.6 has -U")
  spec.truthy(new.argv[1] == "-m", "3.3 starts with -m")
  local bad = launcher.run({ "--target", "4.0", recipe })
  spec.eq(bad.status, 2, "unknown target is a usage error")
  has(bad.stderr, 'unknown target "4.0" (known: 1.6, 1.6.1, 2.0, 2.1, 2.2, 2.3, 2.3.1, 2.4, '
    .. '2.4.0.1, 2.5, 2.5.1, 2.6, 2.7, 3.0, 3.0.1, 3.0.2, 3.1, 3.2, 3.3, auto)')
  spec.eq(bad.argv, nil, "nothing ran")
end)

spec.it("the recipe gets its arguments in arg", function()
  local recipe = launcher.source .. "/examples/kata-sandbox.lua"
  local result = launcher.run({ recipe, "77aa" })
  spec.eq(result.argv[#result.argv], "sandbox-77aa", "name from arg[1]")
end)

spec.it("-c checks the host: files and acrn-dm", function()
  local kernel = launcher.write("kernel", "kernel")
  local disk = launcher.write("disk.img", string.rep("\0", 1024))
  local text = 'local acrn = require "acrn"\nreturn acrn.vm { name = "v", kernel = %q,\n'
    .. 'devices = { acrn.hostbridge {}, acrn.virtio_blk { path = %q } } }\n'
  local good = launcher.write("good.lua", text:format(kernel, disk))
  local result = launcher.run({ "-c", good })
  spec.eq(result.status, 0, "exit status: " .. result.stderr)
  spec.eq(result.stdout .. result.stderr, "", "prints nothing")
  spec.eq(result.argv, nil, "runs nothing")

  local missing = launcher.write("missing.lua", text:format(launcher.dir .. "/none", disk))
  result = launcher.run({ "-c", missing })
  spec.eq(result.status, 1, "missing kernel")
  has(result.stderr, "kernel \"" .. launcher.dir .. "/none\" cannot be read")

  local odd = launcher.write("odd.img", string.rep("\0", 1000))
  local bad_disk = launcher.write("odd.lua", text:format(kernel, odd))
  result = launcher.run({ "-c", bad_disk })
  spec.eq(result.status, 1, "odd-sized disk")
  has(result.stderr, bad_disk .. ":3: device #2 (virtio-blk): path")
  has(result.stderr, "not a multiple of 512")

  result = launcher.run({ "-c", "--dm", launcher.dir .. "/no-dm", good })
  spec.eq(result.status, 1, "acrn-dm missing")
  has(result.stderr, "no-dm\" cannot be run")
end)

spec.it("usage errors exit 2 and run nothing", function()
  for _, args in ipairs({ {}, { "--bogus", minimal }, { "--target" }, { "-n", "-c", minimal } }) do
    local result = launcher.run(args)
    spec.eq(result.status, 2, "exit status for " .. table.concat(args, " "))
    spec.eq(result.argv, nil, "nothing ran")
    has(result.stderr, "try 'acrn-launch --help'")
  end
end)

spec.it("a missing recipe is an error naming it", function()
  local result = launcher.run({ launcher.dir .. "/nope.lua" })
  spec.eq(result.status, 1, "exit status")
  has(result.stderr, "nope.lua")
end)

spec.it("bytecode recipes are refused", function()
  local source = launcher.write("src.lua", "return 1\n")
  local compiled = launcher.dir .. "/compiled.luac"
  local file = assert(io.open(compiled, "wb"))
  file:write(string.dump(assert(loadfile(source))))
  file:close()
  local result = launcher.run({ compiled })
  spec.eq(result.status, 1, "exit status")
  has(result.stderr, "attempt to load a binary chunk")
end)

spec.it("--help lists the options and exit codes; --version", function()
  local result = launcher.run({ "--help" })
  spec.eq(result.status, 0, "exit status")
  for _, word in ipairs({ "--dry-run", "--check", "--target", "--dm", "--root", "126", "127",
    "2.6, 2.7", "devices" }) do
    has(result.stdout, word)
  end
  result = launcher.run({ "--version" })
  spec.truthy(result.stdout:match("^acrn%-launch %d+%.%d+%.%d+\n$"), result.stdout)
end)

spec.done()
