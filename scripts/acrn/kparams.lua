-- SPDX-License-Identifier: Apache-2.0
-- Ordered kernel parameter lists.  A key may occur more than once
-- (console=tty0 console=ttyS0); each entry is { key = "k", value = v } where
-- v is a string, or true for a key without a value.
local show = require("acrn.util").show

local M = {}

local methods = {}
-- The metatable is hidden from getmetatable, and the lists this module made
-- are known by identity: a table dressed up as a list is not one.
local mt = { __index = methods, __name = "kparams", __metatable = "acrn.kparams" }
local made = setmetatable({}, { __mode = "k" })


-- The error text when `s` holds a byte no command line can carry, or nil.
local function bad_bytes(s)
  if s:find("\0", 1, true) then
    return "kparams: " .. show(s) .. " contains a NUL byte"
  end
  if s:find("[\n\r]") then
    return "kparams: " .. show(s) .. " contains a newline"
  end
  return nil
end

-- The error text when `key` cannot be a key, or nil; `param` is the whole
-- parameter the key came from, when there is one, for the message.
local function check_key(key, param)
  if type(key) ~= "string" then
    return "kparams: key must be a string, got " .. type(key)
  end
  local bad = bad_bytes(key)
  if bad then
    return bad
  end
  if key == "" then
    if param then
      return "kparams: empty key in " .. show(param)
    end
    return "kparams: empty key"
  end
  if key:find("%s") then
    return "kparams: key " .. show(key) .. " contains whitespace"
  end
  if key:find("=", 1, true) then
    return "kparams: key " .. show(key) .. " contains '='"
  end
  if key:find('"', 1, true) then
    return "kparams: key " .. show(key) .. " contains '\"'"
  end
  return nil
end

-- The stored form of a value given to add/set (nil and true: no value;
-- strings; integers), or nil and the error text.
local function check_value(key, value)
  if value == nil or value == true then
    return true
  end
  if math.type(value) == "integer" then
    return string.format("%d", value)
  end
  if type(value) ~= "string" then
    return nil, "kparams: value of key " .. show(key) ..
      " must be a string, an integer or true, got " ..
      (math.type(value) or type(value))
  end
  local bad = bad_bytes(value)
  if bad then
    return nil, bad
  end
  if value:find('"', 1, true) then
    return nil, "kparams: value " .. show(value) .. " of key " .. show(key) ..
      " contains '\"'"
  end
  return value
end

-- Parses one parameter in command-line syntax ("rw", "console=ttyS0",
-- 'key="a b"'); the first '=' ends the key, and quotes around the whole
-- value are dropped.  Returns the entry, or nil and the error text.
local function parse_param(text)
  local bad = bad_bytes(text)
  if bad then
    return nil, bad
  end
  local key, value = text, nil
  local eq = text:find("=", 1, true)
  if eq then
    key, value = text:sub(1, eq - 1), text:sub(eq + 1)
  end
  local err = check_key(key, text)
  if err then
    return nil, err
  end
  if value and #value >= 2 and value:sub(1, 1) == '"' and value:sub(-1) == '"' then
    value = value:sub(2, -2)
  end
  value, err = check_value(key, value)
  if not value then
    return nil, err
  end
  return { key = key, value = value }
end

-- Splits a command line into parameters at runs of whitespace outside
-- double quotes.  Returns the list, or nil and the error text.
local function split(text)
  local bad = bad_bytes(text)
  if bad then
    return nil, bad
  end
  local params, pos, n = {}, 1, #text
  while true do
    local first = text:find("%S", pos)
    if not first then
      break
    end
    local last, quoted = first, false
    while last <= n do
      local c = text:sub(last, last)
      if c == '"' then
        quoted = not quoted
      elseif not quoted and c:find("^%s$") then
        break
      end
      last = last + 1
    end
    if quoted then
      return nil, "kparams: unbalanced quote in " .. show(text)
    end
    params[#params + 1] = text:sub(first, last - 1)
    pos = last
  end
  return params
end

-- Turns a string, a list of strings or a kparams list into fresh entries
-- (nothing is kept from `x`).  Returns them, or nil and the error text.
local function collect(x)
  local entries = {}
  if made[x] then
    for i, e in ipairs(x.entries) do
      entries[i] = { key = e.key, value = e.value }
    end
    return entries
  end
  local params
  if type(x) == "string" then
    local err
    params, err = split(x)
    if not params then
      return nil, err
    end
  elseif type(x) == "table" then
    local n = rawlen(x)
    for k in next, x do
      if not (math.type(k) == "integer" and k >= 1 and k <= n) then
        return nil, "kparams: a table must be a list of strings, found key " ..
          (type(k) == "string" and show(k) or tostring(k))
      end
    end
    params = {}
    for i = 1, n do
      local p = rawget(x, i)
      if type(p) ~= "string" then
        return nil, string.format("kparams: entry #%d is %s, expected a string",
          i, p == nil and "nil" or "a " .. type(p))
      end
      params[i] = p
    end
  else
    return nil, "kparams: expected a string, a list of strings or a kparams list, got " ..
      type(x)
  end
  for i, p in ipairs(params) do
    local entry, err = parse_param(p)
    if not entry then
      return nil, err
    end
    entries[i] = entry
  end
  return entries
end

-- Raises (blaming the caller of the method) unless `self` is a kparams list.
local function check_self(self, name)
  if not made[self] then
    error("kparams: call " .. name .. " as a method (k:" .. name .. "(...))", 3)
  end
end

-- Renders one entry: "key", "key=value" or 'key="value with spaces"'.
local function render_entry(e)
  if e.value == true then
    return e.key
  elseif e.value:find("%s") then
    return e.key .. '="' .. e.value .. '"'
  end
  return e.key .. "=" .. e.value
end

-- Appends one parameter: add("rw"), add("console=ttyS0") or
-- add("console", "ttyS0").
function methods:add(param, value)
  check_self(self, "add")
  local entry, err
  if value == nil and type(param) == "string" then
    entry, err = parse_param(param)
  else
    err = check_key(param)
    if not err then
      value, err = check_value(param, value)
      entry = value and { key = param, value = value }
    end
  end
  if not entry then
    error(err, 2)
  end
  self.entries[#self.entries + 1] = entry
  return self
end

-- Replaces every occurrence of `key` by one entry at the place of the first
-- (a nil value leaves the key without value); appends when `key` is absent.
function methods:set(key, value)
  check_self(self, "set")
  local err = check_key(key)
  if not err then
    value, err = check_value(key, value)
  end
  if err then
    error(err, 2)
  end
  local kept, placed = {}, false
  for _, e in ipairs(self.entries) do
    if e.key ~= key then
      kept[#kept + 1] = e
    elseif not placed then
      kept[#kept + 1] = { key = key, value = value }
      placed = true
    end
  end
  if not placed then
    kept[#kept + 1] = { key = key, value = value }
  end
  self.entries = kept
  return self
end

-- Removes every occurrence of `key`; returns how many there were.
function methods:remove(key)
  check_self(self, "remove")
  local err = check_key(key)
  if err then
    error(err, 2)
  end
  local kept, removed = {}, 0
  for _, e in ipairs(self.entries) do
    if e.key == key then
      removed = removed + 1
    else
      kept[#kept + 1] = e
    end
  end
  self.entries = kept
  return removed
end

-- Whether `key` occurs at least once.
function methods:has(key)
  check_self(self, "has")
  local err = check_key(key)
  if err then
    error(err, 2)
  end
  for _, e in ipairs(self.entries) do
    if e.key == key then
      return true
    end
  end
  return false
end

-- The values of every occurrence of `key`, in order (true for a key without
-- value); an empty list when absent.
function methods:get(key)
  check_self(self, "get")
  local err = check_key(key)
  if err then
    error(err, 2)
  end
  local values = {}
  for _, e in ipairs(self.entries) do
    if e.key == key then
      values[#values + 1] = e.value
    end
  end
  return values
end

-- Appends every parameter of a string, a list of strings or a kparams list
-- (all or nothing).
function methods:extend(other)
  check_self(self, "extend")
  local entries, err = collect(other)
  if not entries then
    error(err, 2)
  end
  for _, e in ipairs(entries) do
    self.entries[#self.entries + 1] = e
  end
  return self
end

-- The parameters as rendered strings, in order.
function methods:list()
  check_self(self, "list")
  local out = {}
  for i, e in ipairs(self.entries) do
    out[i] = render_entry(e)
  end
  return out
end

-- The whole command line, parameters joined by single spaces.
function methods:render()
  check_self(self, "render")
  return table.concat(self:list(), " ")
end

mt.__tostring = methods.render

mt.__len = function(self)
  return #self.entries
end

-- A new list from nothing, a command line, a list of strings or another
-- kparams list (copied).
function M.new(init)
  local entries = {}
  if init ~= nil then
    local err
    entries, err = collect(init)
    if not entries then
      error(err, 2)
    end
  end
  local list = setmetatable({ entries = entries }, mt)
  made[list] = true
  return list
end

-- Whether `x` is a kparams list.
function M.is(x)
  return made[x] == true
end

return M
