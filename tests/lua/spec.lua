-- SPDX-License-Identifier: Apache-2.0
-- A tiny test helper for the Lua specs: cases, assertions and a summary.
local M = {}

local passed, failed = 0, 0

-- Orders table keys for printing: numbers first, then strings, then the rest.
local function key_before(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then
    local rank = { number = 1, string = 2 }
    local ra, rb = rank[ta] or 3, rank[tb] or 3
    if ra ~= rb then
      return ra < rb
    end
    return ta < tb
  end
  if ta == "number" or ta == "string" then
    return a < b
  end
  return tostring(a) < tostring(b)
end

-- A readable one-line rendering of any value; tables are shown recursively
-- (raw contents, sorted keys), strings with %q.
local function serialize(value, seen)
  local t = type(value)
  if t == "string" then
    return (string.format("%q", value):gsub("\\\n", "\\n"))
  elseif t ~= "table" then
    return tostring(value)
  end
  seen = seen or {}
  if seen[value] then
    return "<cycle>"
  end
  seen[value] = true
  local parts, n = {}, rawlen(value)
  for i = 1, n do
    parts[#parts + 1] = serialize(rawget(value, i), seen)
  end
  local keys = {}
  for k in next, value do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then
      keys[#keys + 1] = k
    end
  end
  table.sort(keys, key_before)
  for _, k in ipairs(keys) do
    local shown
    if type(k) == "string" and k:match("^[%a_][%w_]*$") then
      shown = k
    else
      shown = "[" .. serialize(k, seen) .. "]"
    end
    parts[#parts + 1] = shown .. " = " .. serialize(rawget(value, k), seen)
  end
  seen[value] = nil
  return "{" .. table.concat(parts, ", ") .. "}"
end
M.serialize = serialize

-- Deep equality: tables are equal when their raw contents are equal
-- (recursively); `seen` keeps pairs already assumed equal, for cycles.
local function equal(a, b, seen)
  if rawequal(a, b) then
    return true
  end
  if a ~= a and b ~= b then -- both NaN
    return true
  end
  if type(a) ~= "table" or type(b) ~= "table" then
    return false
  end
  seen = seen or {}
  if seen[a] == b then
    return true
  end
  seen[a] = b
  for k, v in next, a do
    if not equal(v, rawget(b, k), seen) then
      return false
    end
  end
  for k in next, b do
    if rawget(a, k) == nil then
      return false
    end
  end
  return true
end

-- Registers a case and runs it at once; a failure is printed and counted.
function M.it(name, fn)
  local ok, err = pcall(fn)
  if ok then
    passed = passed + 1
  else
    failed = failed + 1
    print(string.format("not ok - %s: %s", name, tostring(err)))
  end
end

-- Fails unless `actual` deeply equals `expected`.
function M.eq(actual, expected, what)
  if not equal(actual, expected) then
    error(string.format("%s: expected %s, got %s", what or "value",
      serialize(expected), serialize(actual)), 2)
  end
end

-- Fails unless `fn` raises an error whose text contains every given word;
-- returns that text.
function M.raises(fn, ...)
  if type(fn) ~= "function" then
    error("spec.raises: expected a function, got " .. type(fn), 2)
  end
  local ok, err = pcall(fn)
  if ok then
    error("expected an error containing " .. serialize({ ... }) ..
      ", but none was raised", 2)
  end
  local message = tostring(err)
  for i = 1, select("#", ...) do
    local word = select(i, ...)
    if not message:find(word, 1, true) then
      error(string.format("error %s does not contain %s",
        serialize(message), serialize(word)), 2)
    end
  end
  return message
end

-- Fails unless `value` is neither nil nor false.
function M.truthy(value, what)
  if not value then
    error(string.format("%s: expected a true value, got %s", what or "value",
      serialize(value)), 2)
  end
  return value
end

-- Fails unless `text` (a string; nil fails) contains `word`, plainly.
function M.has(text, word)
  if not (text and text:find(word, 1, true)) then
    error(string.format("%q lacks %q", text, word), 2)
  end
end

-- Fails if `text` (a string; nil fails) contains `word`, plainly.
function M.lacks(text, word)
  if type(text) ~= "string" or text:find(word, 1, true) then
    error(string.format("%q has %q", text, word), 2)
  end
end

-- The whole of the file at `path`; an error when it cannot be read.
function M.read(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("a")
  file:close()
  return text
end

-- Prints the summary and exits with 0 when nothing failed, 1 otherwise.
function M.done()
  print(string.format("%d passed, %d failed", passed, failed))
  os.exit(failed == 0 and 0 or 1)
end

return M
