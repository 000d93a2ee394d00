-- SPDX-License-Identifier: Apache-2.0
-- Text read on the host at launch: acrn.host_file("/sys/class/net/e*/address")
-- stands for the first line of the one file the pattern matches under the
-- launch's --root, read by the launcher when it builds the plan (never by
-- the recipe, which may run in the sandbox).  It takes :sub(i, j) and `..`
-- with strings, numbers and other host text, as ACRN's launch scripts take
-- ${mac:9:8} and "${mac:9:8}-vm1"; a VM field holds it like a string.
--
-- Only world-readable regular files under /sys are host facts: what any
-- user of the host may read, and nothing the launcher's privileges would
-- reveal.
local core = require "acrn.core"

local M = {}

local methods = {}
-- Known by identity, as kparams lists are: a table dressed up as host text
-- is not host text.
local mt = { __index = methods, __name = "acrn.host_text", __metatable = "acrn.host_text" }
local made = setmetatable({}, { __mode = "k" })
-- the constructors take host text where a string goes
core.host_text_type(mt)

M.MAX_PATTERN = 255

-- A host text of `parts`: strings, and { pattern, from, to } for the
-- characters from..to (to nil: to the end) of a file's first line.
local function new(parts)
  local text = setmetatable({ parts = parts }, mt)
  made[text] = true
  return text
end

function M.is(value)
  return made[value] == true
end

-- Why `pattern` is no host fact, or nil.
function M.pattern_problem(pattern)
  if type(pattern) ~= "string" then
    return "takes a path pattern (a string), not a " .. type(pattern)
  elseif #pattern > M.MAX_PATTERN then
    return string.format("the pattern is longer than %d bytes", M.MAX_PATTERN)
  elseif pattern:find("%c") then
    return "the pattern has a control character"
  elseif pattern:sub(1, 5) ~= "/sys/" then
    return string.format("%q is not under /sys: only sysfs files are host facts", pattern)
  elseif ("/" .. pattern .. "/"):find("/%.%.?/") then
    return string.format("%q has a . or .. component", pattern)
  end
  return nil
end

-- acrn.host_file(pattern): the host text of the file `pattern` matches.
function M.file(pattern)
  local problem = M.pattern_problem(pattern)
  if problem then
    error("host_file: " .. problem, 2)
  end
  return new({ { pattern = pattern, from = 1 } })
end

-- text:sub(i, j): characters i..j (j: to the end) of one file's text, as
-- string.sub counts them from 1.
function methods:sub(i, j)
  local part = self.parts[1]
  if #self.parts ~= 1 or type(part) ~= "table" then
    error("host_file: sub applies to one file's text, before any ..", 2)
  end
  if math.type(i) ~= "integer" or i < 1 or (j ~= nil and (math.type(j) ~= "integer" or j < i))
  then
    error("host_file: sub takes positions i >= 1 and j >= i", 2)
  end
  local from = part.from + i - 1
  local to = j and part.from + j - 1
  if part.to and (not to or to > part.to) then
    to = part.to
  end
  return new({ { pattern = part.pattern, from = from, to = to } })
end

-- The parts of a `..` operand.
local function parts_of(value)
  if M.is(value) then
    return value.parts
  end
  local kind = type(value)
  if kind == "string" or kind == "number" then
    return { tostring(value) }
  end
  error("host_file: cannot join a " .. kind .. " to host text", 3)
end

mt.__concat = function(a, b)
  local parts = {}
  for _, side in ipairs({ parts_of(a), parts_of(b) }) do
    for _, part in ipairs(side) do
      parts[#parts + 1] = part
    end
  end
  return new(parts)
end

local function quote(text)
  return (string.format("%q", text):gsub("\\\n", "\\n"))
end

-- The Lua source that makes `text` again: acrn.host_file("…"):sub(10, 17) .. "-vm1".
function M.source(text)
  local pieces = {}
  for i, part in ipairs(text.parts) do
    if type(part) == "string" then
      pieces[i] = quote(part)
    else
      local piece = "acrn.host_file(" .. quote(part.pattern) .. ")"
      if part.from ~= 1 or part.to then
        piece = piece .. string.format(part.to and ":sub(%d, %d)" or ":sub(%d)", part.from,
          part.to)
      end
      pieces[i] = piece
    end
  end
  return table.concat(pieces, " .. ")
end

mt.__tostring = M.source

-- The text for the launch: every file read with `read(pattern)` (which
-- returns its first line, or nil and why); the string, or nil and why.
function M.resolve(text, read)
  local out = {}
  for i, part in ipairs(text.parts) do
    if type(part) == "string" then
      out[i] = part
    else
      local line, why = read(part.pattern)
      if not line then
        return nil, why
      end
      out[i] = line:sub(part.from, part.to)
    end
  end
  return table.concat(out)
end

-- What stands for `text` where no host is read (import's check): a "0"
-- for each character a file part reads (one where it reads to the end).
function M.stand_in(text)
  local out = {}
  for i, part in ipairs(text.parts) do
    out[i] = type(part) == "string" and part
      or string.rep("0", part.to and part.to - part.from + 1 or 1)
  end
  return table.concat(out)
end

-- As plain data (the sandbox's answer): { { pattern, from, to } or string, … }.
function M.parts(text)
  return text.parts
end

-- Host text from plain data, checked as acrn.host_file checks it: the
-- text, or nil and why.
function M.from_parts(parts)
  if type(parts) ~= "table" or #parts == 0 then
    return nil, "host text is a list of parts"
  end
  local copy = {}
  for i, part in ipairs(parts) do
    if type(part) == "string" then
      copy[i] = part
    elseif type(part) == "table" then
      local problem = M.pattern_problem(part.pattern)
      if problem then
        return nil, problem
      end
      if math.type(part.from) ~= "integer" or part.from < 1
        or (part.to ~= nil and (math.type(part.to) ~= "integer" or part.to < part.from)) then
        return nil, "a host file part has from >= 1 and to >= from"
      end
      copy[i] = { pattern = part.pattern, from = part.from, to = part.to }
    else
      return nil, "a host text part is a string or a file"
    end
  end
  return new(copy)
end

return M
