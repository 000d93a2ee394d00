-- SPDX-License-Identifier: Apache-2.0
-- A golden test: tests/golden/NAME[@TARGET].argv holds, one per line, the
-- argv acrn-dm receives when acrn-launch runs examples/NAME.lua (with
-- --target TARGET).  Checks the real exec path through the stand-in, and
-- that the dry run prints the same words with the program first.
local spec = require "spec"
local launcher = require "launcher"

local golden_path = assert(arg[1], "usage: check.lua GOLDEN.argv")
local name, target = golden_path:match("([^/]+)%.argv$"):match("^([^@]+)@?(.*)$")
local recipe = launcher.source .. "/examples/" .. name .. ".lua"
local golden = launcher.lines(assert(io.open(golden_path)):read("a"))

local args = {}
if target ~= "" then
  args = { "--target", target }
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

spec.done()
