-- SPDX-License-Identifier: Apache-2.0
-- A strict JSON reader for the tests (RFC 8259), independent of dkjson: it
-- refuses what lenient readers let through, above all an object that names
-- a key twice, and keeps each object's keys in the order they were written
-- (`keys` of the returned object: a list), so that tests can check order.
local M = {}

local function fail(text, at, why)
  error(string.format("JSON at byte %d: %s (near %q)", at, why, text:sub(at, at + 20)), 0)
end

local function skip(text, at)
  return text:find("[^ \t\r\n]", at) or #text + 1
end

local escapes = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n",
  r = "\r", t = "\t" }

local value

local function string_at(text, at)
  local parts = {}
  local i = at + 1
  while true do
    local c = text:sub(i, i)
    if c == "" then
      fail(text, at, "an unterminated string")
    elseif c == '"' then
      return table.concat(parts), i + 1
    elseif c == "\\" then
      local e = text:sub(i + 1, i + 1)
      if escapes[e] then
        parts[#parts + 1] = escapes[e]
        i = i + 2
      elseif e == "u" and text:sub(i + 2, i + 5):match("^%x%x%x%x$") then
        parts[#parts + 1] = utf8.char(tonumber(text:sub(i + 2, i + 5), 16))
        i = i + 6
      else
        fail(text, i, "a bad escape")
      end
    elseif c:byte() < 0x20 then
      fail(text, i, "a control byte in a string")
    else
      parts[#parts + 1] = c
      i = i + 1
    end
  end
end

value = function(text, at)
  at = skip(text, at)
  local c = text:sub(at, at)
  if c == "{" then
    local object, keys, seen = {}, {}, {}
    at = skip(text, at + 1)
    if text:sub(at, at) == "}" then
      return setmetatable(object, { keys = keys }), at + 1
    end
    while true do
      if text:sub(at, at) ~= '"' then
        fail(text, at, "a key that is not a string")
      end
      local key
      key, at = string_at(text, at)
      if seen[key] then
        fail(text, at, "the key " .. key .. " a second time in one object")
      end
      seen[key] = true
      keys[#keys + 1] = key
      at = skip(text, at)
      if text:sub(at, at) ~= ":" then
        fail(text, at, "no ':' after a key")
      end
      object[key], at = value(text, at + 1)
      at = skip(text, at)
      local sep = text:sub(at, at)
      if sep == "}" then
        return setmetatable(object, { keys = keys }), at + 1
      elseif sep ~= "," then
        fail(text, at, "no ',' or '}' in an object")
      end
      at = skip(text, at + 1)
    end
  elseif c == "[" then
    local array = {}
    at = skip(text, at + 1)
    if text:sub(at, at) == "]" then
      return array, at + 1
    end
    while true do
      array[#array + 1], at = value(text, at)
      at = skip(text, at)
      local sep = text:sub(at, at)
      if sep == "]" then
        return array, at + 1
      elseif sep ~= "," then
        fail(text, at, "no ',' or ']' in an array")
      end
      at = at + 1
    end
  elseif c == '"' then
    return string_at(text, at)
  elseif text:sub(at, at + 3) == "true" then
    return true, at + 4
  elseif text:sub(at, at + 4) == "false" then
    return false, at + 5
  elseif text:sub(at, at + 3) == "null" then
    return M.null, at + 4
  end
  local number = text:match("^%-?%d+%.?%d*[eE]?[-+]?%d*", at)
  if not number or number == "" or number:match("^%-?0%d") then
    fail(text, at, "not a JSON value")
  end
  return tonumber(number), at + #number
end

M.null = setmetatable({}, { __name = "null" })

-- Reads the JSON text `text`: the value, or raises naming the byte.
function M.decode(text)
  local result, at = value(text, 1)
  at = skip(text, at)
  if at <= #text then
    fail(text, at, "more after the value")
  end
  return result
end

-- The keys of a decoded object, in the order they were written.
function M.keys(object)
  local meta = getmetatable(object)
  return meta and meta.keys or {}
end

return M
