-- SPDX-License-Identifier: Apache-2.0
-- Small helpers the acrn modules share: how a value reads in a message, and
-- the sorted keys of a table (for "known: …" lists and completion).
local M = {}

-- A value as messages show it: strings quoted (a newline as \n), the rest
-- with tostring.
function M.show(value)
  if type(value) == "string" then
    return (string.format("%q", value):gsub("\\\n", "\\n"))
  end
  return tostring(value)
end

-- The keys of `set`, sorted.
function M.sorted_keys(set)
  local list = {}
  for key in pairs(set) do
    list[#list + 1] = key
  end
  table.sort(list)
  return list
end

return M
