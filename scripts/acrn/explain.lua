-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch --explain: each argument of the acrn-dm command with the
-- file:line and layer that set it.
local core = require "acrn.core"

local M = {}

-- Prints each argument of `plan` (the plan as a table: vm:plan) with
-- where it came from, then the target's origin and the host steps.
function M.print(plan)
  local lines = { { core.command(plan.program, {}), plan.origins.dm } }
  local i = 1
  while i <= #plan.argv do
    local words, origin = { plan.argv[i] }, plan.argv_origins[i]
    local source = plan.argv_sources[i]
    local j = i + 1
    while j <= #plan.argv and plan.argv_sources[j] == source and plan.argv[j] ~= "-s"
      and plan.argv[j] ~= "-l" and plan.argv[j] ~= plan.argv[i] do
      words[#words + 1] = plan.argv[j]
      j = j + 1
    end
    lines[#lines + 1] = { core.command(table.remove(words, 1), words), origin }
    i = j
  end
  local width = 0
  for _, line in ipairs(lines) do
    if #line[1] <= 60 then
      width = math.max(width, #line[1])
    end
  end
  for _, line in ipairs(lines) do
    io.stdout:write(string.format("%-" .. width .. "s  %s\n", line[1], line[2] or ""))
  end
  io.stdout:write(string.format("%-" .. width .. "s  %s\n", "(target " .. plan.target .. ")",
    plan.origins.target))
  for _, step in ipairs(plan.host) do
    io.stdout:write("host: ", step.step, " ", step.object, ": ", step.does, "\n")
  end
end

return M
