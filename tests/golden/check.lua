-- SPDX-License-Identifier: Apache-2.0
-- A golden test: tests/golden/NAME[@TARGET].argv holds, one per line, the
-- argv acrn-dm receives when acrn-launch runs examples/NAME.lua (with
-- --target TARGET).  Checks the real exec path through the stand-in, and
-- that the dry run prints the same words with the program first.  Every
-- example has a golden file: the last case checks that.
local spec = require "spec"
local launcher = require "launcher"

local golden_path = assert(arg[1], "usage: check.lua GOLDEN.argv")
local name, target = golden_path:match("([^/]+)%.argv$"):match("^([^@]+)@?(.*)$")
local recipe = launcher.source .. "/examples/" .. name .. ".lua"
local golden = launcher.lines(assert(io.open(golden_path)):read("a"))

-- Host facts (/proc/cpuinfo) and the sysfs files host preparation writes
-- come from a copy of a fixed tree, not from this machine.
local args = { "--root", launcher.fake_root() }
if target ~= "" then
  args[#args + 1] = "--target"
  args[#args + 1] = target
end

spec.it(name .. ": acrn-dm receives the golden argv", function()
  local run_args = { table.unpack(args) }
  run_args[#run_args + 1] = recipe
  local result = launcher.run(run_args)
  spec.eq(result.status, 0, "exit status; stderr: " .. result.stderr)
  spec.eq(result.argv, golden, "argv")
end)

spec.it(name .. ": the dry run prints the same command, program first", function()
  local run_args = { "-n", table.unpack(args) }
  run_args[#run_args + 1] = recipe
  local result = launcher.run(run_args)
  spec.eq(result.status, 0, "exit status; stderr: " .. result.stderr)
  spec.eq(result.argv, nil, "the stand-in must not run")
  local words = launcher.shell_words(result.stdout)
  spec.eq(table.remove(words, 1), launcher.stand_in, "program")
  spec.eq(words, golden, "argv")
end)

spec.it("every example has a golden file", function()
  local pipe = assert(io.popen("ls " .. launcher.source .. "/examples/*.lua "
    .. launcher.source .. "/tests/golden/*.argv"))
  local examples, goldens = {}, {}
  for line in pipe:lines() do
    local example = line:match("/examples/([^/]+)%.lua$")
    local golden_name = line:match("/tests/golden/([^/@]+)[^/]*%.argv$")
    if example then
      examples[#examples + 1] = example
    elseif golden_name then
      goldens[golden_name] = true
    end
  end
  pipe:close()
  for _, example in ipairs(examples) do
    spec.truthy(goldens[example], "examples/" .. example .. ".lua has no golden argv")
  end
end)

spec.done()
