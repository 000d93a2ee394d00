-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: a launch script, read and never run.  Follows the
-- script's default run (no arguments) through its assignments, arrays,
-- functions and the script's own calls of them, to the acrn-dm command it
-- runs; maps ACRN 3.x Configurator helpers (acrn.import.configurator) to
-- what they print, and the host preparation around acrn-dm (taps, bridges,
-- pci-stub, CPUs taken offline) to recipe fields.  What the script reads on the host is never read here:
-- a sysfs file it cats becomes acrn.host_file, read by the recipe at
-- launch; anything else is said, once per construct, and left out.
local core = require "acrn.core"
local host_text = require "acrn.host_text"
local configurator = require "acrn.import.configurator"
local shell = require "acrn.import.shell"

local acrn_host_file = host_text.file

core.internal()

local M = {}

-- Bounds that keep a hostile script cheap: commands evaluated, calls deep,
-- loop rounds.
local MAX_STEPS, MAX_DEPTH, MAX_ROUNDS = 200000, 32, 256

-- Text that stands for a value the script reads on the host at run time:
-- "\1N\2", N indexing the reads list.
local OPEN, CLOSE = "\1", "\2"
local MARKER = OPEN .. "(%d+)" .. CLOSE
-- What stands for a file read in words the core scans: HOST_READ N "Z".
local HOST_READ = "ACRNHOSTREAD"

-- Commands that change nothing on the host, or whose effect the launcher
-- has anyway (a running check: acrn-launch refuses a name that runs).
local QUIET = {}
for name in ([[echo printf sleep true false : test [ [[ pgrep grep awk sed cut tr head tail
  cat ls read wait getopts local export declare typeset readonly set unset shift return
  exit break continue trap cd pwd date basename dirname wc sort uniq find lspci ip
  modprobe]]):gmatch("%S+") do
  QUIET[name] = true
end

-- Words that start a command without being it.
local PREFIXES = { exec = true, command = true, nohup = true, time = true, sudo = true,
  nice = true, ionice = true, chrt = true, taskset = true, env = true, stdbuf = true }

local State = {}
State.__index = State

local function new_state()
  return setmetatable({
    vars = {}, functions = {}, positional = { {} }, reads = {}, steps = 0, depth = 0,
    taps = {}, bridges = {}, bound = {}, offline = {}, runs = {}, runs_order = {},
    writes = {}, writes_order = {}, inputs = {}, invocations = {},
  }, State)
end

function State.fail(_, why)
  error({ script = why }, 0)
end

-- A marker for a value read on the host; `what` says how the script reads
-- it; `unset` marks a variable the default run never sets instead; `file`
-- ({ pattern, from, to }) a read the recipe can make at launch too: the
-- first line of a sysfs file, or characters of it.
function State:read(what, unset, file)
  self.reads[#self.reads + 1] = what
  self.unset = self.unset or {}
  self.unset[#self.reads] = unset
  self.files = self.files or {}
  self.files[#self.reads] = file
  return OPEN .. #self.reads .. CLOSE
end

-- The file read `text` is, when it is one marker of such a read alone.
function State:file_of(text)
  local index = text:match("^" .. MARKER .. "$")
  return index and self.files and self.files[tonumber(index)]
end

-- Whether the first marker in `text` is an unset variable.
function State:is_unset(text)
  local index = text:match(MARKER)
  return index and self.unset[tonumber(index)]
end

local function has_marker(text)
  return type(text) == "string" and text:find(OPEN, 1, true) ~= nil
end

-- The first read a text holds, as the script wrote it.
function State:what(text)
  local index = text:match(MARKER)
  return index and self.reads[tonumber(index)]
end

-- Text for a message: markers as what they stand for.
function State:shown(text)
  return (text:gsub(MARKER, function(index)
    return self.reads[tonumber(index)]
  end))
end

-- ---------------------------------------------------------------------------
-- Expansion

-- The value of variable `name` (a string), or nil when unset.
function State:get(name)
  if self.used then
    self.used[name] = true
  end
  local positional = self.positional[#self.positional]
  if name:match("^%d+$") then
    local n = tonumber(name)
    if n == 0 then
      return "script"
    end
    return positional[n] or ""
  elseif name == "@" or name == "*" then
    return table.concat(positional, " ")
  elseif name == "#" then
    return tostring(#positional)
  elseif name == "?" then
    return "0"
  elseif name == "$" or name == "!" or name == "-" then
    return self:read("$" .. name)
  end
  local var = self.vars[name]
  if var == nil then
    return nil
  elseif type(var) == "table" then
    return var[1] or var["0"] or ""
  end
  return var
end

-- Expands ${…} text into a list of values (an array gives several).
function State:parameter(text)
  local name, rest = text:match("^([%a_][%w_]*)(.*)$")
  if not name then
    name, rest = text:match("^([%d@*#?$!-])(.*)$")
  end
  if text:sub(1, 1) == "#" and #text > 1 then
    local value = self:get(text:sub(2)) or ""
    return { has_marker(value) and self:read("${" .. text .. "}") or tostring(#value) }
  end
  if not name then
    return { self:read("${" .. text .. "}") }
  end
  -- name[index]
  local index = rest:match("^%[(.-)%]")
  if index then
    local var = self.vars[name]
    local key = self:string_of(index):gsub("^[\"']", ""):gsub("[\"']$", "")
    if index == "@" or index == "*" then
      if type(var) ~= "table" then
        return var and { var } or {}
      end
      local values = {}
      for i, value in ipairs(var) do
        values[i] = value
      end
      return values
    end
    if type(var) == "table" then
      return { var[tonumber(key) and tonumber(key) + 1 or key] or "" }
    end
    return { (key == "0" and var) or "" }
  end
  rest = rest or ""
  local value = self:get(name)
  local op, word = rest:match("^(:?[-=+?])(.*)$")
  if op then
    local empty = value == nil or (op:sub(1, 1) == ":" and value == "")
    local kind = op:sub(-1)
    if kind == "+" then
      return { empty and "" or self:string_of(word) }
    elseif empty then
      local default = self:string_of(word)
      if kind == "=" then
        self.vars[name] = default
      end
      return { default }
    end
    return { value }
  end
  if value == nil then
    return { self:read("$" .. name, true) }
  end
  local offset, length = rest:match("^:%s*(%d+):?(%d*)$")
  if offset then
    local file = self:file_of(value)
    if file then
      -- ${mac:9:8}: characters of what the file holds, counted from 0
      local from = file.from + tonumber(offset)
      local to = length ~= "" and from + tonumber(length) - 1 or nil
      if file.to and (not to or to > file.to) then
        to = file.to
      end
      return { self:read("${" .. text .. "}", nil, { pattern = file.pattern, from = from,
        to = to }) }
    elseif has_marker(value) then
      return { self:read(self:what(value)) }
    end
    offset = tonumber(offset)
    local stop = length ~= "" and offset + tonumber(length) or #value
    return { value:sub(offset + 1, stop) }
  end
  local how, pattern = rest:match("^([#%%]#?)(.*)$")
  if how then
    if has_marker(value) then
      return { self:read(self:what(value)) }
    end
    pattern = self:string_of(pattern)
    if how:sub(1, 1) == "#" then
      return { shell.remove_match(value, pattern, #how == 2) }
    end
    return { shell.remove_match(value, pattern, #how == 2, true) }
  end
  if rest ~= "" then
    return { self:read("${" .. text .. "}") }
  end
  return { value }
end

-- A tiny integer arithmetic: numbers, variables, + - * / % and parentheses.
function State:arithmetic(text)
  local expanded = text:gsub("%$%{?([%a_][%w_]*)%}?", function(name)
    return self:get(name) or "0"
  end):gsub("[%a_][%w_]*", function(name)
    return self:get(name) or "0"
  end)
  if has_marker(expanded) or expanded:find("[^%d%s%+%-%*/%%()]") then
    return self:read("$((" .. text .. "))")
  end
  local at = 1
  local expression
  local function skip()
    at = expanded:find("[^%s]", at) or #expanded + 1
  end
  local function atom()
    skip()
    local c = expanded:sub(at, at)
    if c == "(" then
      at = at + 1
      local value = expression()
      skip()
      at = at + 1
      return value
    elseif c == "-" then
      at = at + 1
      return -atom()
    end
    local digits = expanded:match("^%d+", at)
    if not digits then
      error("arithmetic")
    end
    at = at + #digits
    return math.tointeger(tonumber(digits)) or 0
  end
  local function term()
    local value = atom()
    while true do
      skip()
      local op = expanded:sub(at, at)
      if op ~= "*" and op ~= "/" and op ~= "%" then
        return value
      end
      at = at + 1
      local right = atom()
      if op ~= "*" and right == 0 then
        error("arithmetic")
      end
      value = op == "*" and value * right or op == "/" and value // right or value % right
    end
  end
  expression = function()
    local value = term()
    while true do
      skip()
      local op = expanded:sub(at, at)
      if op ~= "+" and op ~= "-" then
        return value
      end
      at = at + 1
      local right = term()
      value = op == "+" and value + right or value - right
    end
  end
  local ok, value = pcall(expression)
  if not ok then
    return self:read("$((" .. text .. "))")
  end
  return tostring(value)
end

-- The fields a word expands to: unquoted expansions split at white space.
function State:fields(parts)
  local fields, current, any = {}, {}, false
  local function flush()
    if any then
      fields[#fields + 1] = table.concat(current)
    end
    current, any = {}, false
  end
  for _, part in ipairs(parts) do
    local values
    if part.kind == "literal" then
      current[#current + 1] = part.text
      any = true
    else
      if part.kind == "parameter" then
        values = self:parameter(part.text)
      elseif part.kind == "command" then
        values = { self:command_output(part.text) }
      else
        values = { self:arithmetic(part.text) }
      end
      local several = #values > 1 or part.text:match("%[@%]$") or part.text == "@"
      for i, value in ipairs(values) do
        if part.quoted then
          current[#current + 1] = value
          any = true
          if several and i < #values then
            flush()
          end
        else
          -- field splitting
          local at = 1
          if value:match("^%s") then
            flush()
          end
          for piece, space in value:gmatch("(%S+)(%s*)") do
            current[#current + 1] = piece
            any = true
            at = at + 1
            if space ~= "" then
              flush()
            end
          end
          if i < #values then
            flush()
          end
        end
      end
    end
  end
  flush()
  return fields
end

-- The string a word expands to, without splitting (assignments).
function State:string_of(parts)
  if type(parts) == "string" then
    if not parts:find("[$`\"'\\]") then
      return parts
    end
    local tree = shell.parse("x " .. parts)
    local words = tree and tree[1] and tree[1].words
    if not words or not words[2] then
      return parts
    end
    parts = words[2].parts
  end
  local pieces = {}
  for _, part in ipairs(parts) do
    if part.kind == "literal" then
      pieces[#pieces + 1] = part.text
    elseif part.kind == "parameter" then
      pieces[#pieces + 1] = table.concat(self:parameter(part.text), " ")
    elseif part.kind == "command" then
      pieces[#pieces + 1] = self:command_output(part.text)
    else
      pieces[#pieces + 1] = self:arithmetic(part.text)
    end
  end
  return table.concat(pieces)
end

-- What a command substitution prints: a helper's text, an echo's words, or
-- a value read on the host.
function State:command_output(text)
  local tree = shell.parse(text)
  local command = tree and #tree == 1 and tree[1]
  if command and command.kind == "simple" and #command.redirects == 0 and #command.words > 0 then
    local name = shell.plain(command.words[1].parts)
    local helper = name and configurator.HELPERS[name] and self.functions[name]
    if helper or name == "echo" then
      local args = {}
      for i = 2, #command.words do
        for _, field in ipairs(self:fields(command.words[i].parts)) do
          args[#args + 1] = field
        end
      end
      if helper then
        return configurator.HELPERS[name](self, args)
      end
      if args[1] == "-n" then
        table.remove(args, 1)
      end
      return table.concat(args, " ")
    end
  end
  local shown = text:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  if #shown > 60 then
    shown = shown:sub(1, 57) .. "..."
  end
  -- $(cat /sys/…/address): what a recipe reads at launch too
  local path = command and command.kind == "simple" and #command.redirects == 0
    and #command.words == 2 and shell.plain(command.words[1].parts) == "cat"
    and shell.plain(command.words[2].parts)
  local file = path and not host_text.pattern_problem(path) and { pattern = path, from = 1 }
  return self:read("$(" .. shown .. ")", nil, file or nil)
end

-- ---------------------------------------------------------------------------
-- Tests: true, false, or nil when the script's default run cannot tell

function State:test(list)
  local command = list[#list]
  if not command or command.kind ~= "simple" or #list > 1 then
    return nil
  end
  local words = {}
  for _, word in ipairs(command.words) do
    for _, field in ipairs(self:fields(word.parts)) do
      words[#words + 1] = field
    end
    -- "" stays a word
    if #self:fields(word.parts) == 0 and word.parts[1] and word.parts[1].quoted then
      words[#words + 1] = ""
    end
  end
  local head = table.remove(words, 1)
  if head == "[" or head == "[[" then
    table.remove(words)
  elseif head ~= "test" then
    return nil
  end
  for _, word in ipairs(words) do
    if has_marker(word) then
      return nil
    end
  end
  local negate = words[1] == "!"
  if negate then
    table.remove(words, 1)
  end
  local result
  if #words == 3 and (words[2] == "=" or words[2] == "==") then
    result = words[1] == words[3]
  elseif #words == 3 and words[2] == "!=" then
    result = words[1] ~= words[3]
  elseif #words == 3 and words[2]:match("^%-[eglnt][qte]$") then
    local a, b = tonumber(words[1]), tonumber(words[3])
    if not a or not b then
      return nil
    end
    local op = words[2]
    result = (op == "-eq" and a == b) or (op == "-ne" and a ~= b) or (op == "-lt" and a < b)
      or (op == "-le" and a <= b) or (op == "-gt" and a > b) or (op == "-ge" and a >= b)
  elseif #words == 2 and words[1] == "-z" then
    result = words[2] == ""
  elseif #words == 2 and words[1] == "-n" then
    result = words[2] ~= ""
  else
    return nil
  end
  if negate then
    result = not result
  end
  return result
end

-- ---------------------------------------------------------------------------
-- Running the tree, symbolically

-- Sets variable from an assignment word's parts (NAME=…, NAME+=…).
function State:assign(word)
  local first = word.parts[1]
  local name, index, append, rest = first.text:match("^([%a_][%w_]*)(%b[])(%+?)=(.*)$")
  if not name then
    name, append, rest = first.text:match("^([%a_][%w_]*)(%+?)=(.*)$")
  end
  if not name then
    return false
  end
  local parts = { { kind = "literal", text = rest, quoted = first.quoted } }
  for i = 2, #word.parts do
    parts[#parts + 1] = word.parts[i]
  end
  if word.array then
    local array = append == "+" and type(self.vars[name]) == "table" and self.vars[name] or {}
    for _, item in ipairs(word.array) do
      local key, value = nil, item
      local head = item[1]
      if head and head.kind == "literal" and not head.quoted and head.text:match("^%[") then
        -- [key]=value, the key maybe quoted: take it from the raw parts
        local raw = {}
        for _, part in ipairs(item) do
          raw[#raw + 1] = part.kind == "literal" and part.text or ""
        end
        local joined = table.concat(raw)
        key = joined:match("^%[(.-)%]=")
        if key then
          value = shell.parse("x " .. joined:sub(#key + 4):gsub("^", ""))
          value = value and value[1] and value[1].words[2] and value[1].words[2].parts
            or { { kind = "literal", text = "" } }
        end
      end
      if key then
        array[key] = self:string_of(value)
      else
        for _, field in ipairs(self:fields(value)) do
          array[#array + 1] = field
        end
      end
    end
    self.vars[name] = array
    return true
  end
  local value = self:string_of(parts)
  if self.deciding then
    self.decided = self.decided or {}
    self.decided[name] = self.deciding
  end
  if index then
    local array = type(self.vars[name]) == "table" and self.vars[name] or {}
    array[self:string_of(index:sub(2, -2))] = value
    self.vars[name] = array
  elseif append == "+" then
    self.vars[name] = (self:get(name) or "") .. value
  else
    self.vars[name] = value
  end
  return true
end

-- Notes what a command does to the host, and what it runs.
function State:note_host(words, redirects)
  local name = words[1] and words[1]:match("[^/]*$")
  local joined = table.concat(words, " ")
  -- taps and bridges
  local tap = joined:match("^ip tuntap add dev (%S+) mode tap") or joined:match("^ip tuntap add (%S+) mode tap")
    or joined:match("^tunctl .*%-t (%S+)")
  if tap then
    self.taps[tap] = true
  end
  local dev, bridge = joined:match("^ip link set dev (%S+) master (%S+)")
  if not dev then
    dev, bridge = joined:match("^ip link set (%S+) master (%S+)")
  end
  if not dev then
    bridge, dev = joined:match("^brctl addif (%S+) (%S+)")
  end
  if dev then
    self.bridges[dev] = bridge
  end
  -- writes into sysfs: pci-stub, CPUs
  for _, redirect in ipairs(redirects) do
    if redirect.op:match(">") and not redirect.op:match("&") then
      local target = self:string_of(redirect.target)
      local value = table.concat(words, " ", 2)
      if target:match("/pci%-stub/bind$") then
        self.bound[#self.bound + 1] = value
      elseif target:match("/pci%-stub/new_id$") or target:match("/driver/unbind$") then
        -- part of binding to pci-stub
        self.binding = true
      elseif target:match("/sys/devices/system/cpu/cpu.*/online$") or target:match("offline_cpu$")
        or target:match("remove_cpu$") then
        local cpu = target:match("/cpu(%d+)/online$")
        if cpu and value == "0" then
          self.offline[#self.offline + 1] = tonumber(cpu)
        elseif has_marker(target) or has_marker(value) then
          self.offline.host = self.offline.host or self:what(has_marker(target) and target or value)
        end
      elseif has_marker(target) and target:match("/online$") then
        -- CPUs the script finds on the host
        self.offline.host = self.offline.host or self:what(target)
      elseif target:match("^/sys/") or target:match("^/proc/") then
        local key = self:shown(target)
        if not self.writes[key] then
          self.writes[key] = true
          self.writes_order[#self.writes_order + 1] = key
        end
      end
    end
  end
  if name and not QUIET[name] and not tap and not dev and not self.functions[name] then
    if not self.runs[name] then
      self.runs_order[#self.runs_order + 1] = name
    end
    self.runs[name] = (self.runs[name] or 0) + 1
  elseif name == "modprobe" and not joined:match("pci_stub") then
    local module = words[#words]
    if not self.runs["modprobe " .. module] then
      self.runs_order[#self.runs_order + 1] = "modprobe " .. module
      self.runs["modprobe " .. module] = 1
    end
  end
end

-- Runs one simple command: returns "exit" or "return" when it certainly ends
-- the run or the function.
function State:simple(command, certain)
  local words = command.words
  local k = 1
  -- leading assignments
  local function assignment(word)
    local first = word.parts[1]
    return first and first.kind == "literal" and not first.quoted
      and (first.text:match("^[%a_][%w_]*%+?=") or first.text:match("^[%a_][%w_]*%b[]%+?="))
  end
  while words[k] and assignment(words[k]) do
    k = k + 1
  end
  if k > #words then
    for i = 1, #words do
      self:assign(words[i])
    end
    return nil
  end
  local fields = {}
  self.used = {}
  for i = k, #words do
    for _, field in ipairs(self:fields(words[i].parts)) do
      fields[#fields + 1] = field
    end
  end
  local used = self.used
  self.used = nil
  local name = fields[1]
  if not name then
    return nil
  end
  if name == "local" or name == "export" or name == "declare" or name == "typeset"
    or name == "readonly" then
    for i = k + 1, #words do
      if not self:assign(words[i]) then
        local bare = shell.plain(words[i].parts)
        if bare and bare:match("^[%a_][%w_]*$") and name == "declare" then
          self.vars[bare] = self.vars[bare] or {}
        end
      end
    end
    return nil
  elseif name == "shift" then
    local positional = self.positional[#self.positional]
    for _ = 1, tonumber(fields[2] or "1") or 1 do
      table.remove(positional, 1)
    end
    return nil
  elseif name == "exit" then
    return certain and "exit" or nil
  elseif name == "return" then
    return certain and "return" or nil
  end
  -- acrn-dm, maybe after exec, taskset -c 1, env A=B, …
  local at = 1
  while fields[at] and PREFIXES[fields[at]:match("[^/]*$")] do
    at = at + 1
    while fields[at] and (fields[at]:match("^%-") or fields[at]:match("=")
      or (fields[at - 1] and fields[at - 1]:match("^%-[cp]$"))) do
      at = at + 1
    end
  end
  local program = fields[at]
  if program and program:match("[^/]*$"):match("^acrn%-dm[%w._-]*$") then
    -- the variables it uses that a test decided on the host sets
    local decided = {}
    for used_name in pairs(used) do
      local where = self.decided and self.decided[used_name]
      if where then
        decided[#decided + 1] = { name = used_name, line = where.line }
      end
    end
    table.sort(decided, function(a, b) return a.name < b.name end)
    self.invocations[#self.invocations + 1] = { words = { table.unpack(fields, at) },
      certain = certain, line = command.line, decided = decided }
    return nil
  end
  local called = self.functions[name]
  if called then
    if configurator.HELPERS[name] then
      configurator.HELPERS[name](self, { table.unpack(fields, 2) })
      return nil
    end
    if self.depth >= MAX_DEPTH then
      self:fail("functions call each other deeper than " .. MAX_DEPTH)
    end
    self.depth = self.depth + 1
    self.positional[#self.positional + 1] = { table.unpack(fields, 2) }
    local signal = self:run(called.body, certain)
    table.remove(self.positional)
    self.depth = self.depth - 1
    return signal == "exit" and "exit" or nil
  end
  self:note_host(fields, command.redirects)
  return nil
end

-- Runs a list of commands; returns "exit"/"return" when that certainly
-- happens.
function State:run(list, certain)
  for _, command in ipairs(list) do
    self.steps = self.steps + 1
    if self.steps > MAX_STEPS then
      self:fail("the script takes more than " .. MAX_STEPS .. " steps to read")
    end
    local signal
    if command.kind == "simple" then
      signal = self:simple(command, certain)
    elseif command.kind == "function" then
      self.functions[command.name] = command
    elseif command.kind == "group" then
      signal = self:run(command.body, certain)
    elseif command.kind == "if" then
      local decided = false
      for _, branch in ipairs(command.branches) do
        self:run(branch.cond, false)
        local result = self:test(branch.cond)
        if result == true then
          signal = self:run(branch.body, certain and not decided)
          decided = true
          break
        elseif result == nil then
          -- what it sets there, the default run may or may not set
          local before = self.deciding
          self.deciding = before or { line = command.line }
          self:run(branch.body, false)
          self.deciding = before
          decided = decided or nil
        end
      end
      if not decided and command.otherwise then
        signal = self:run(command.otherwise, certain and decided == false)
      end
    elseif command.kind == "for" then
      local items = {}
      for _, item in ipairs(command.items) do
        for _, field in ipairs(self:fields(item)) do
          items[#items + 1] = field
        end
      end
      if command.arithmetic or #items > MAX_ROUNDS then
        items = { self:read("a loop's rounds") }
      end
      for _, item in ipairs(items) do
        if command.name then
          self.vars[command.name] = item
        end
        signal = self:run(command.body, certain and not has_marker(item))
        if signal then
          break
        end
      end
    elseif command.kind == "while" then
      self:run(command.cond, false)
      self:run(command.body, false)
    elseif command.kind == "case" then
      local subject = self:string_of(command.subject)
      for _, item in ipairs(command.items) do
        local matched = has_marker(subject) and nil or false
        for _, pattern in ipairs(item.patterns) do
          local text = self:string_of(pattern)
          if matched == false and subject:match("^" .. shell.glob_pattern(text) .. "$") then
            matched = true
          end
        end
        if matched then
          signal = self:run(item.body, certain)
          break
        elseif matched == nil then
          self:run(item.body, false)
        end
      end
    end
    if signal then
      return signal
    end
  end
  return nil
end

-- ---------------------------------------------------------------------------
-- What the script says, for the recipe

-- Replaces what the script reads on the host in `words` (acrn-dm's
-- arguments) and returns the words to import, with what was left out.
local function without_reads(state, words)
  local left = {}
  local sentinel = {}
  local marked = {}
  for i, word in ipairs(words) do
    local all_files = has_marker(word)
    for index in word:gmatch(MARKER) do
      all_files = all_files and state.files[tonumber(index)] ~= nil
    end
    if all_files then
      -- read at launch by the recipe: a stand-in the scanners keep, made
      -- host text again by apply
      words[i] = word:gsub(MARKER, HOST_READ .. "%1Z")
      sentinel[i] = words[i]
    elseif has_marker(word) then
      marked[i] = word
      sentinel[i] = word:gsub(MARKER, "x")
    else
      sentinel[i] = word
    end
  end
  if not next(marked) then
    return words, left
  end
  local events = core.scan_argv(nil, sentinel)
  local out, skip = {}, {}
  for _, event in ipairs(events or {}) do
    local first, last = event.first, event.first + event.count - 1
    for i = first, last do
      if marked[i] then
        local text = state:shown(table.concat(words, " ", first, last))
        local what, unset = state:what(marked[i]), state:is_unset(marked[i])
        if event.kind == "device" and i == last then
          -- the CONFIG pieces that hold it go; the device stays
          local pieces = {}
          for piece in (marked[i] .. ","):gmatch("([^,]*),") do
            if has_marker(piece) then
              left[#left + 1] = { text = text, what = what, piece = state:shown(piece),
                unset = unset }
            else
              pieces[#pieces + 1] = piece
            end
          end
          out[i] = table.concat(pieces, ",")
        elseif event.kind == "name" then
          left[#left + 1] = { text = text, what = what, name = true, unset = unset }
          out[i] = state:shown(marked[i])
        else
          left[#left + 1] = { text = text, what = what, unset = unset }
          for j = first, last do
            skip[j] = true
          end
        end
        break
      end
    end
  end
  local result = {}
  for i, word in ipairs(words) do
    if not skip[i] then
      result[#result + 1] = out[i] or word
    end
  end
  return result, left
end

-- Host devices as numbers: "0000:00:1f.3", "0/1f/3".
local function bdf_key(text)
  local bus, device, func = text:match("(%x+)[:/.](%x+)[:/.](%x+)$")
  if not bus then
    return nil
  end
  return string.format("%d:%d:%d", tonumber(bus, 16), tonumber(device, 16), tonumber(func, 16))
end

local HOST_FILES_ONLY = "a recipe reads only world-readable sysfs files at launch, with "
  .. "acrn.host_file"

-- What the script reads, said once per construct.
local function read_text(left)
  if left.unset then
    return string.format("%s: the script's default run leaves %s unset (it comes from the "
      .. "script's options or the host); left out of the recipe: give it by hand", left.text,
      left.what)
  elseif left.piece then
    return string.format("%s: the script builds %s from %s, read on the host at each launch; "
      .. "left out of the recipe (%s): set it by hand", left.text, left.piece, left.what,
      HOST_FILES_ONLY)
  end
  return string.format("%s: the script takes it from %s, read on the host at each launch; "
    .. "left out of the recipe (%s): set it by hand", left.text, left.what, HOST_FILES_ONLY)
end

-- Reads script text: { words, warnings, apply }, or nil and why.
function M.read(text)
  local tree, why = shell.parse(text)
  if not tree then
    return nil, "the script does not parse: " .. why
  end
  local state = new_state()
  local ok, failure = pcall(state.run, state, tree, true)
  if not ok then
    if type(failure) == "table" and failure.script then
      return nil, failure.script
    end
    error(failure, 0)
  end
  local invocation
  for _, found in ipairs(state.invocations) do
    if found.certain or not (invocation and invocation.certain) then
      invocation = found
    end
  end
  if not invocation then
    return nil, "no acrn-dm command found in the script's default run"
  end
  local warnings = {}
  local function warn(message)
    warnings[#warnings + 1] = message
  end
  for _, found in ipairs(invocation.decided) do
    warn(string.format("line %d: the script decides on the host whether to change $%s, which "
      .. "acrn-dm's command uses; read as if it does", found.line, found.name))
  end
  if not invocation.certain then
    warn(string.format("line %d runs acrn-dm only on a path the script decides on the host; "
      .. "read as if it runs", invocation.line))
  end
  local words, left = without_reads(state, invocation.words)
  for _, entry in ipairs(left) do
    if not entry.name then
      warn(read_text(entry))
    end
  end
  if state.offline.host then
    warn(string.format("the script takes CPUs offline that it finds on the host (%s) and hands "
      .. "them to the hypervisor; the recipe does not: give cpu_affinity = { cpus = { … }, "
      .. "offline = true } with this VM's CPUs", state.offline.host))
  end
  if #state.runs_order > 0 then
    local names = {}
    for i, name in ipairs(state.runs_order) do
      names[i] = name
    end
    warn("the script also runs " .. table.concat(names, ", ")
      .. " on the host; the recipe does not")
  end
  if #state.writes_order > 0 then
    warn("the script also writes " .. table.concat(state.writes_order, ", ")
      .. " on the host; the recipe does not")
  end
  local bound = {}
  for _, bdf in ipairs(state.bound) do
    local key = bdf_key(bdf)
    if key then
      bound[key] = true
    elseif has_marker(bdf) then
      warn(string.format("the script binds a host device it finds on the host (%s) to "
        .. "pci-stub; the recipe binds the devices it passes through", state:what(bdf)))
    end
  end
  local function apply(d)
    -- file reads, stood for in the words, as host text read at launch
    local function read_at_launch(value)
      if type(value) ~= "string" or not value:find(HOST_READ, 1, true) then
        return value
      end
      local joined, at = nil, 1
      local function join(piece)
        joined = joined and joined .. piece or piece
      end
      for start, index, stop in value:gmatch("()" .. HOST_READ .. "(%d+)Z()") do
        if start > at then
          join(value:sub(at, start - 1))
        end
        local file = state.files[tonumber(index)]
        join(acrn_host_file(file.pattern):sub(file.from, file.to))
        at = stop
      end
      if at <= #value then
        join(value:sub(at))
      end
      return joined
    end
    for name, value in pairs(d.fields) do
      d.fields[name] = read_at_launch(value)
    end
    -- the command as read shows the reads as the script writes them
    d.argv = d.argv.display or d.argv
    for _, device in ipairs(d.devices) do
      for name, value in pairs(device.fields) do
        device.fields[name] = read_at_launch(value)
      end
    end
    -- what the recipe lacks, said in it too
    d.notes = {}
    for _, warning in ipairs(warnings) do
      d.notes[#d.notes + 1] = warning
    end
    for _, entry in ipairs(left) do
      if entry.name then
        d.problems[#d.problems + 1] = string.format("the VM name comes from %s, %s: give "
          .. "the name in a recipe of your own", entry.what, entry.unset
          and "which the script's default run leaves unset" or "read on the host at each launch")
      end
    end
    for _, device in ipairs(d.devices) do
      local fields = device.fields
      if device.constructor == "virtio_net" and fields.tap and state.taps[fields.tap] then
        fields.create = true
        fields.bridge = state.bridges[fields.tap]
      elseif device.constructor == "virtio_net" and fields.tap and state.bridges[fields.tap] then
        fields.bridge = state.bridges[fields.tap]
      elseif device.constructor == "passthru" and fields.bdf then
        fields.prepare = bound[bdf_key(fields.bdf)] == true
        if not fields.prepare then
          device.comment = "the script does not bind it to pci-stub"
        end
      end
    end
    local affinity = d.fields.cpu_affinity
    if affinity and (state.offline.helper or #state.offline > 0) then
      affinity.offline = true
    elseif #state.offline > 0 then
      d.warnings[#d.warnings + 1] = string.format("the script takes CPU %s offline, but gives "
        .. "acrn-dm no --cpu_affinity; the recipe does not: give cpu_affinity = { cpus = { … "
        .. "}, offline = true }", table.concat(state.offline, ", "))
    end
    -- found at launch, as the script finds it: by name and physical path
    for _, input in ipairs(state.inputs) do
      d.devices[#d.devices + 1] = { constructor = "virtio_input",
        fields = { name = input.name, phys = input.phys, path = input.path,
          serial = input.id ~= "" and input.id or nil },
        slot = tonumber(input.slot), bus = 0, func = 0, pin = true }
    end
  end
  -- the words as messages show them: reads as the script writes them
  local display = {}
  for i, word in ipairs(words) do
    display[i] = word:gsub(HOST_READ .. "(%d+)Z", function(index)
      return state.reads[tonumber(index)]
    end)
  end
  return { words = words, display = display, warnings = warnings, apply = apply }
end

return M
