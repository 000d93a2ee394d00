-- SPDX-License-Identifier: Apache-2.0
-- Errors as values: a message with the place it belongs to ("file:line: "),
-- raised with error() and read with tostring().  A place is given once, by
-- whoever knows it, and never cut out of a message with a pattern.
local M = {}

local SOURCE_MAX = 16 * 1024 * 1024 -- the most of a recipe read for a field's line

local ERROR = { __name = "acrn.error" }
ERROR.__index = ERROR

function ERROR.__tostring(e)
  return (e.where or "") .. e.message
end

-- A new error value: `where` ("recipe.lua:7: " or ""), `message`, and what
-- it concerns (`field`, `device`), when known.
function M.new(where, message, about)
  local e = setmetatable({ where = where or "", message = tostring(message) }, ERROR)
  for key, value in pairs(about or {}) do
    e[key] = value
  end
  return e
end

-- True when `value` is an error value.
function M.is(value)
  return getmetatable(value) == ERROR
end

-- Raises an error value at `where` with the formatted message.
function M.raise(where, format, ...)
  error(M.new(where, string.format(format, ...)), 0)
end

-- `problem` (an error value, or a message without a place) placed at
-- `where` when it has no place of its own yet.
function M.at(problem, where)
  if M.is(problem) then
    if problem.where == "" then
      problem.where = where or ""
    end
    return problem
  end
  return M.new(where, problem)
end

-- The text of anything raised: an error value or a string as it is; other
-- values say what they are.
function M.text(problem)
  if M.is(problem) or type(problem) == "string" then
    return tostring(problem)
  end
  return string.format("an error that is not a message (%s)", type(problem))
end

-- Where field `field` was written inside the constructor call at `where`
-- ("recipe.lua:4: "): Lua keeps only the call's line, so the call's source
-- text is read (on the error path only) for a line "field =" before the
-- call's table closes.  Returns the field's "file:line: ", or `where`.
function M.field_line(where, field)
  local path, line = (where or ""):match("^(.-):(%d+): $")
  -- a regular file only (a place a sandbox's answer names could be a FIFO)
  local source = path and require("acrn.core").read_recipe(path, SOURCE_MAX)
  if not source then
    return where
  end
  local number, depth, found = 0, 0, nil
  for text in (source .. "\n"):gmatch("([^\n]*)\n") do
    number = number + 1
    if number >= tonumber(line) then
      local code = text:gsub("%-%-.*$", "")
      if (depth > 0 or number == tonumber(line)) and depth <= 1 then
        for key in (" " .. code):gmatch("[%s{,]([%a_][%w_]*)%s*=[^=]") do
          if key == field then
            found = number
          end
        end
        if found then
          break
        end
      end
      for brace in code:gmatch("[{}]") do
        depth = depth + (brace == "{" and 1 or -1)
      end
      if depth <= 0 and number > tonumber(line) then
        break
      end
    end
  end
  return found and string.format("%s:%d: ", path, found) or where
end

return M
