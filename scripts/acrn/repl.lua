-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch -i: a Lua prompt with acrn loaded.  Like Lua's own REPL, an
-- expression prints its value (`return <line>` is tried first), a
-- statement runs, and a chunk that ends too early continues on the next
-- line.  Values print usefully (a device as its -s value, a VM as its slot
-- table, a plan as its command line); Tab completes; Ctrl-C cancels the
-- line or stops a running evaluation; Ctrl-D leaves.  Top-level locals
-- stay for the session.
local acrn = require "acrn"
-- what acrn loads on first use (a launch may never need it) is there for
-- Tab from the start, as it was
for _, name in ipairs({ "kparams", "host_file" }) do
  assert(acrn[name])
end
local core = require "acrn.core"
local sorted = require("acrn.util").sorted_keys

core.internal()

local M = {}

local PROMPT, MORE = "acrn> ", "  >> "

local KEYWORDS = {
  "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
  "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
}

-- The history file, in the XDG state directory.
function M.history_path()
  local state = os.getenv("XDG_STATE_HOME")
  if not state or state == "" then
    local home = os.getenv("HOME")
    if not home or home == "" then
      return nil
    end
    state = home .. "/.local/state"
  end
  return state .. "/acrn-launch/history"
end

-- A short, readable rendering of a plain table.
local function show_table(value, depth, seen)
  if seen[value] then
    return "<cycle>"
  end
  if depth > 2 then
    return "{…}"
  end
  seen[value] = true
  local parts, count = {}, 0
  for key, item in pairs(value) do
    count = count + 1
    if count > 12 then
      parts[#parts + 1] = "…"
      break
    end
    local shown = type(item) == "table" and show_table(item, depth + 1, seen)
      or (type(item) == "string" and string.format("%q", item) or tostring(item))
    if math.type(key) == "integer" and key == count then
      parts[#parts + 1] = shown
    else
      parts[#parts + 1] = tostring(key) .. " = " .. shown
    end
  end
  seen[value] = nil
  return "{ " .. table.concat(parts, ", ") .. " }"
end

-- How the REPL shows a value.
function M.show(value)
  if acrn.is_vm(value) or acrn.kparams.is(value) then
    return tostring(value)
  end
  if core.kind(value) then
    return "-s " .. tostring(value)
  end
  if type(value) == "table" and type(value.program) == "string" and type(value.argv) == "table" then
    return core.command(value.program, value.argv)
  end
  if type(value) == "table" and getmetatable(value) == nil then
    return show_table(value, 1, {})
  end
  return tostring(value)
end

-- The sorted keys of `t` that are names starting with `prefix`.
local function names(t, prefix, into, only_functions)
  for key, value in pairs(t) do
    if type(key) == "string" and key:match("^[%a_][%w_]*$") and key:sub(1, #prefix) == prefix
      and (not only_functions or type(value) == "function") then
      into[key] = true
    end
  end
end

-- Looks up a dotted path ("acrn.layout") in `env`, without calling anything.
local function lookup(env, path)
  local value = env
  for name in path:gmatch("[^.]+") do
    if type(value) ~= "table" then
      return nil
    end
    value = value[name]
  end
  return value
end

-- The release completion offers fields for: a target written earlier on
-- the line, else the VM in the session's `vm`, else the session's default.
local function completion_target(env, before)
  local written = before:match('.*target%s*=%s*"([%w.]+)"')
  for _, known in ipairs(acrn.targets) do
    if written == known then
      return written
    end
  end
  local vm = rawget(env, "vm")
  local ok, name = pcall(function() return acrn.is_vm(vm) and vm:target_name() end)
  if ok and name then
    return name
  end
  local default = acrn.defaults.target
  return default ~= "auto" and default or nil
end

-- Whether `target` takes catalogue item `item` (no target: anything).
local function offered(target, item)
  return not target or core.accepts(target, item) ~= "no"
end

-- A VM's fields that `target` takes.
local function vm_fields(target)
  local fields = { "name", "target", "dm", "layout", "devices" }
  for _, option in ipairs(acrn.catalog.options) do
    if offered(target, option) then
      fields[#fields + 1] = option.name
    end
  end
  return fields
end

-- The fields a constructor call open before the cursor takes (those its
-- target has), or nil.
local function open_constructor(env, before)
  local last
  for name, rest in before:gmatch("acrn%.([%w_]+)%s*%(?%s*{([^{}]*)") do
    last = { name = name, rest = rest }
  end
  if not last or not before:match("[{,]%s*[%a_]*$") then
    return nil
  end
  local target = completion_target(env, before)
  if last.name == "vm" then
    return vm_fields(target)
  end
  local emulation = acrn.emulations[last.name]
  if not emulation then
    return nil
  end
  local fields = {}
  for _, field in ipairs(emulation.fields) do
    if offered(target, field) then
      fields[#fields + 1] = field.name
    end
  end
  for _, name in ipairs({ "bus", "slot", "func" }) do
    fields[#fields + 1] = name
  end
  return fields
end

-- Completion: candidates for the word before the cursor, and its length.
function M.complete(env, before)
  local fields = open_constructor(env, before)
  local word = before:match("[%a_][%w_]*$") or ""
  if fields then
    local found = {}
    for _, name in ipairs(fields) do
      if name:sub(1, #word) == word then
        found[name] = true
      end
    end
    return sorted(found), #word
  end
  local base, separator, partial = before:match("([%a_][%w_%.]*)([%.:])([%a_]*[%w_]*)$")
  local found = {}
  if base then
    local value = lookup(env, base)
    if acrn.is_vm(value) then
      -- vm:  its methods; vm.  its fields, for its target
      local ok, target = pcall(value.target_name, value)
      for _, name in ipairs(separator == ":" and acrn.vm_methods()
        or vm_fields(ok and target or nil)) do
        if name:sub(1, #partial) == partial then
          found[name] = true
        end
      end
    elseif type(value) == "table" then
      names(value, partial, found, separator == ":")
      local meta = getmetatable(value)
      if type(meta) == "table" and type(meta.__index) == "table" then
        names(meta.__index, partial, found, separator == ":")
      end
    end
    return sorted(found), #partial
  end
  names(env, word, found)
  names(_G, word, found)
  for _, keyword in ipairs(KEYWORDS) do
    if keyword:sub(1, #word) == word and #word > 0 then
      found[keyword] = true
    end
  end
  return sorted(found), #word
end

-- Compiles a chunk typed at the prompt: an expression first, then a
-- statement.  Returns the function, or nil and the message, and whether
-- the chunk is incomplete (it ended where Lua wanted more).
function M.compile(chunk, env)
  local fn = load("return " .. chunk, "=stdin", "t", env)
  if fn then
    return fn
  end
  -- top-level locals live on in the session
  local statement = chunk:gsub("^%s*local%s+function%s+", "function ")
    :gsub("^%s*local%s+([%a_][%w_%s,]*)=", "%1=")
  local message
  fn, message = load(statement, "=stdin", "t", env)
  if fn then
    return fn
  end
  return nil, message, message:find("<eof>", 1, true) ~= nil
end

-- Asks whether to replace the REPL with acrn-dm.
local function confirm(editor, command)
  io.stdout:write("This replaces acrn-launch with:\n  ", command, "\n")
  local answer = editor:read("Launch it? [y/N] ")
  return answer == "y" or answer == "yes" or answer == "Y"
end

-- Runs the REPL; `env_vars` are bound in its environment (vm = the
-- recipe's VM).  Returns the exit status.
function M.run(env_vars)
  -- the launcher's line editing (lua/editline.c): only a prompt needs it
  local editline = require "acrn.editline"
  local env = setmetatable({ acrn = acrn }, { __index = _G })
  for key, value in pairs(env_vars or {}) do
    env[key] = value
  end
  local editor
  editor = editline.new {
    history = M.history_path(),
    complete = function(before)
      return M.complete(env, before)
    end,
  }
  local interactive = editline.isatty(0)
  acrn.confirm_launch = function(command)
    if interactive and not confirm(editor, command) then
      return false
    end
    editor:save()
    return true
  end
  io.stdout:write("acrn-launch ", acrn.version, " (", _VERSION, "): acrn is loaded",
    env_vars and env_vars.vm and ", the recipe's VM is vm" or "", ". Ctrl-D leaves.\n")
  if not editline.line_editing then
    io.stdout:write("No line editing, history or Tab completion: ",
      editline.missing or "no libedit", ".\n")
  end
  local chunk = nil
  while true do
    local line = editor:read(chunk and MORE or PROMPT)
    if line == nil then
      io.stdout:write("\n")
      break
    end
    if line == false then
      chunk = nil
    elseif chunk or line:match("%S") then
      chunk = chunk and (chunk .. "\n" .. line) or line
      local fn, message, incomplete = M.compile(chunk, env)
      if fn then
        editor:add((chunk:gsub("\n", " ")))
        chunk = nil
        local results = table.pack(editline.guard(fn))
        if results[1] then
          for i = 2, results.n do
            io.stdout:write(M.show(results[i]), "\n")
          end
        else
          io.stdout:write("error: ", tostring(results[2]), "\n")
        end
      elseif not incomplete then
        editor:add((chunk:gsub("\n", " ")))
        chunk = nil
        io.stdout:write("error: ", message, "\n")
      end
    end
    io.stdout:flush()
  end
  local saved, problem = editor:save()
  if not saved then
    io.stderr:write("acrn-launch: ", problem, "\n")
  end
  return 0
end

return M
