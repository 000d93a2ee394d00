-- SPDX-License-Identifier: Apache-2.0
-- Small helpers the acrn modules share: how a value reads in a message, the
-- sorted keys of a table (for "known: …" lists and completion), and deep
-- copies.
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

-- A deep copy of `value` made of plain tables, read raw (no metamethod
-- runs); `leaf(table)`, when given, may return what stands for a table
-- instead of its copy (a kernel parameter list as its text, say).
function M.copy(value, leaf)
  if type(value) ~= "table" then
    return value
  end
  local instead = leaf and leaf(value)
  if instead ~= nil then
    return instead
  end
  local copy = {}
  for key, item in next, value do
    copy[key] = M.copy(item, leaf)
  end
  return copy
end

return M
