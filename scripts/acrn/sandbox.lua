-- SPDX-License-Identifier: Apache-2.0
-- Recipes that cannot escape (doc/security.md).  A sandboxed recipe is
-- evaluated in a child process (core.confined) that the kernel confines:
-- no new privileges, bounded CPU time, open files and memory, no root and
-- a system call filter once the recipe is compiled (no exec, no sockets,
-- no signals, no files opened for writing).  Inside it, the first wall is
-- Lua's: the recipe sees only the acrn API (read-only), safe parts of the
-- standard library, no files, no shell, no debug, no bytecode, and runs in
-- a coroutine with an instruction budget (a count hook) and a memory
-- budget (acrn-launch's allocator).  What it returns goes back to the
-- launcher as plain data over a pipe (the VM's fields, where each was set
-- and by which layer, its devices and warnings), is read strictly
-- (core.sandbox_decode) and becomes a fresh VM, built and checked like any
-- recipe's: nothing the recipe made ever runs in the launcher.
local acrn = require "acrn"
local core = require "acrn.core"
local errors = require "acrn.errors"
local host_text = require "acrn.host_text"
local kparams = require "acrn.kparams"
local layout = require "acrn.layout"
local util = require "acrn.util"

core.internal()

local M = {}

M.DEFAULT_LIMITS = { instructions = 50000000, memory = 64 * 1024 * 1024, cpu_seconds = 10 }
-- The most an answer may be: far more than any VM acrn-dm takes.
M.ANSWER_MAX = 8 * 1024 * 1024

local HEADER = "acrn-sandbox 1\n"
local HOOK_STEP = 1000
local MAX_DEPTH = 32

-- Names a sandboxed recipe does not get from the acrn modules.
local HIDDEN = {
  [acrn] = { internal = true, site_profiles = true, sandboxed = true, session = true,
    resolve_target = true, blkrescan = true },
  [layout] = { register = true },
}

-- A read-only view of `value` (tables only; functions are called as they
-- are): reading works, writing raises, getmetatable says nothing.
local function read_only(value, views)
  if type(value) ~= "table" then
    return value
  end
  if views[value] then
    return views[value]
  end
  local hidden = HIDDEN[value] or {}
  local view = setmetatable({}, {
    __index = function(_, key)
      if hidden[key] then
        return nil
      end
      return read_only(value[key], views)
    end,
    __newindex = function(_, key)
      error(string.format("%s is read-only in the sandbox", tostring(key)), 2)
    end,
    __pairs = function()
      return function(_, key)
        local next_key, item = next(value, key)
        while next_key ~= nil and hidden[next_key] do
          next_key, item = next(value, next_key)
        end
        return next_key, read_only(item, views)
      end, nil, nil
    end,
    __len = function()
      return #value
    end,
    __metatable = false,
  })
  views[value] = view
  return view
end

-- A shallow copy of a library table, without `drop`.
local function library(source, drop)
  local copy = {}
  for key, value in pairs(source) do
    if not (drop and drop[key]) then
      copy[key] = value
    end
  end
  return copy
end

-- The global environment of one sandboxed recipe.
function M.environment(args)
  local views = {}
  local modules = {
    acrn = read_only(acrn, views),
    ["acrn.kparams"] = read_only(kparams, views),
    ["acrn.layout"] = read_only(layout, views),
  }
  local env = {
    assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
    pcall = pcall, select = select, tonumber = tonumber, tostring = tostring, type = type,
    xpcall = xpcall, rawequal = rawequal, rawlen = rawlen, rawget = rawget, rawset = rawset,
    _VERSION = _VERSION,
    string = library(string, { dump = true }),
    table = library(table),
    math = library(math),
    utf8 = library(utf8),
    os = { time = os.time, date = os.date, clock = os.clock, getenv = os.getenv },
    arg = args,
  }
  -- Metatables of strings and of acrn's own objects stay hidden, and none
  -- may carry a finalizer that would run after the recipe.
  env.getmetatable = function(value)
    if type(value) ~= "table" then
      return nil
    end
    return getmetatable(value)
  end
  env.setmetatable = function(value, meta)
    if type(meta) == "table" and rawget(meta, "__gc") ~= nil then
      error("__gc is not available in the sandbox", 2)
    end
    local current = getmetatable(value)
    if current ~= nil and type(current) ~= "table" then
      error("cannot change a protected metatable", 2)
    end
    return setmetatable(value, meta)
  end
  env.require = function(name)
    local module = modules[name]
    if not module then
      error(string.format("require %q is not available in the sandbox (only acrn, "
        .. "acrn.kparams, acrn.layout)", tostring(name)), 2)
    end
    return module
  end
  env.load = function(chunk, name, _, chunk_env)
    return load(chunk, name, "t", chunk_env or env)
  end
  env._G = env
  return env
end


-- ---------------------------------------------------------------------------
-- The answer: the child's side

-- Appends the encoding of `value` to `out` (see lua/sandbox.c for the
-- grammar): raw (no metamethod of the recipe runs), no cycles, at most
-- MAX_DEPTH deep; devices, kparams lists and functions are tagged.
local function encode(value, out, path, depth, seen)
  local kind = type(value)
  if kind == "boolean" then
    out[#out + 1] = value and "T" or "F"
  elseif math.type(value) == "integer" then
    out[#out + 1] = string.format("i%d;", value)
  elseif kind == "number" then
    out[#out + 1] = string.format("n%a;", value)
  elseif kind == "string" then
    out[#out + 1] = "s" .. #value .. ":"
    out[#out + 1] = value
  elseif kind == "function" then
    -- what the launcher would say of a function where a value belongs
    out[#out + 1] = "@function:T"
  elseif kind == "table" and kparams.is(value) then
    out[#out + 1] = "@kparams:"
    encode(value:render(), out, path, depth, seen)
  elseif kind == "table" and host_text.is(value) then
    out[#out + 1] = "@host_text:"
    encode(host_text.parts(value), out, path, depth, seen)
  elseif kind == "table" then
    if seen[value] then
      error(string.format("%s contains itself", path), 0)
    end
    if depth > MAX_DEPTH then
      error(string.format("%s is nested more than %d deep", path, MAX_DEPTH), 0)
    end
    seen[value] = true
    local device = core.kind(value)
    if device then
      out[#out + 1] = "@device:{s4:kinds" .. #device .. ":" .. device .. "s5:where"
      encode(core.origin(value), out, path, depth, seen)
      out[#out + 1] = "s6:fields{"
      for key, item in next, value do
        encode(key, out, path, depth + 1, seen)
        encode(item, out, path .. "." .. tostring(key), depth + 1, seen)
      end
      out[#out + 1] = "}}"
    else
      out[#out + 1] = "{"
      for key, item in next, value do
        if math.type(key) ~= "integer" and type(key) ~= "string" then
          error(string.format("%s has a key that is a %s: a VM holds only string and integer "
            .. "keys", path, type(key)), 0)
        end
        encode(key, out, path, depth + 1, seen)
        encode(item, out, path .. "." .. tostring(key), depth + 1, seen)
      end
      out[#out + 1] = "}"
    end
    seen[value] = nil
  else
    error(string.format("%s is a %s, which a VM cannot hold", path, kind), 0)
  end
end

-- The answer for `value`: the header, the value, a newline.
function M.encode(value)
  local out = { HEADER }
  encode(value, out, "the answer", 0, {})
  out[#out + 1] = "\n"
  return table.concat(out)
end

-- The VM's description, with each field's value checked on the way: a
-- field holds a value of a recipe's making, named by the field.
local function answer_for(vm)
  local description = acrn.internal.describe(vm)
  local out = { HEADER, "{s5:wheres" .. #description.where .. ":", description.where, "s6:fields{" }
  for key, value in next, description.fields do
    encode(key, out, key, 1, {})
    encode(value, out, key, 1, {})
  end
  out[#out + 1] = "}"
  for _, name in ipairs({ "origins", "layers", "warnings" }) do
    encode(name, out, name, 0, {})
    encode(description[name], out, name, 0, {})
  end
  out[#out + 1] = "}\n"
  return table.concat(out)
end

-- In the child: reads and compiles the recipe under the memory budget,
-- then (the system call filter on) runs it under the instruction budget
-- too; returns the answer, or raises.
local function evaluate(path, args, limits)
  acrn.sandboxed = true
  -- acrn-launch's allocator caps Lua's memory; stock lua5.4 has none, and
  -- the child's address-space limit is then all there is
  core.memory_limit(limits.memory)
  local text, why = core.read_recipe(path, limits.memory)
  if not text then
    error(why, 0)
  end
  local chunk, message = load(text, "@" .. path, "t", M.environment(args))
  text = nil -- luacheck: ignore
  if not chunk then
    error(message, 0)
  end
  core.confine_syscalls()
  local budget = limits.instructions
  local runner = coroutine.create(function(...)
    local vm = chunk(...)
    if not acrn.is_vm(vm) then
      error(string.format("%s: the recipe must return a VM made by acrn.vm{...}, not %s",
        path, type(vm)), 0)
    end
    return answer_for(vm)
  end)
  local used, exceeded = 0, false
  debug.sethook(runner, function()
    used = used + HOOK_STEP
    if used > budget then
      if not exceeded then
        exceeded = true
        -- from now on every instruction fails, so pcall cannot hide it
        debug.sethook(runner, function()
          error(string.format("the recipe ran past its budget of %d instructions", budget), 0)
        end, "", 1)
      end
      error(string.format("%sthe recipe ran past its budget of %d instructions",
        core.where(), budget), 0)
    end
  end, "", HOOK_STEP)
  local ok, result = coroutine.resume(runner, table.unpack(args))
  if not ok then
    error(result, 0)
  end
  return result
end

-- The child's whole work: the answer, or an answer that carries the
-- error (as text) the recipe ended with.
local function child(path, args, limits)
  local ok, result = pcall(evaluate, path, args, limits)
  core.memory_limit(limits.memory) -- room to say it, beyond what the recipe took
  if ok then
    return result
  end
  if result == "not enough memory" then
    result = string.format("%s: the recipe used more than its %d bytes of memory", path,
      limits.memory)
  elseif type(result) ~= "string" and not errors.is(result) then
    result = string.format("%s: the recipe raised an error that is not a message (%s)", path,
      type(result))
  end
  return M.encode({ error = errors.text(result) })
end

-- ---------------------------------------------------------------------------
-- The answer: the launcher's side

local function refuse(message, ...)
  error(string.format("the sandbox's answer is malformed: " .. message, ...), 0)
end

-- A place as the sandbox sent it: "" or "FILE:LINE: ", printable.
local function place(value, what)
  if type(value) ~= "string" or #value > 2048 or value:find("%c")
    or not (value == "" or value:find("^.+:%d+: $")) then
    refuse("%s is not a place in a file", what)
  end
  return value
end

local LAYERS = { recipe = true, profile = true }

local function layer(value, what)
  if not LAYERS[value] then
    refuse("%s is not a layer a recipe sets (recipe, profile)", what)
  end
  return value
end

-- What stands for a recipe's function in the launcher: a function that
-- does nothing of the recipe's.
local function stand_in()
  error("a recipe's function does not leave the sandbox", 2)
end

-- Turn tagged values of the answer into what they stand for.
local MAKERS = {
  device = function(value)
    if type(value) ~= "table" or type(value.kind) ~= "string" or type(value.fields) ~= "table"
      or next(value, next(value, next(value, next(value)))) ~= nil then
      refuse("a device is { kind, where, fields }")
    end
    local ok, device = pcall(core.make_device, value.kind, value.fields,
      place(value.where, "a device's place"))
    if not ok then
      refuse("%s", errors.text(device))
    end
    return device
  end,
  kparams = function(value)
    if type(value) ~= "string" then
      refuse("kernel parameters are a string")
    end
    local ok, list = pcall(kparams.new, value)
    if not ok then
      refuse("kernel parameters: %s", errors.text(list))
    end
    return list
  end,
  host_text = function(value)
    local text, why = host_text.from_parts(value)
    if not text then
      refuse("host text: %s", why)
    end
    return text
  end,
  ["function"] = function(value)
    if value ~= true then
      refuse("a function is @function:T")
    end
    return stand_in
  end,
}
M.MAKERS = MAKERS

-- Checks that `value` is a list of what `check` accepts.
local function list_of(value, what, check)
  if type(value) ~= "table" then
    refuse("%s is not a list", what)
  end
  local count = 0
  for key in next, value do
    count = count + 1
    if math.type(key) ~= "integer" or key < 1 then
      refuse("%s is not a list", what)
    end
  end
  for i = 1, count do
    if value[i] == nil then
      refuse("%s is not a list", what)
    end
    check(value[i], string.format("%s[%d]", what, i))
  end
  return value
end

-- The VM an answer describes, its shape checked; raises the recipe's own
-- error when it ended with one.
function M.receive(answer)
  if type(answer) ~= "table" then
    refuse("it is not a table")
  end
  if answer.error ~= nil then
    if type(answer.error) ~= "string" or next(answer, next(answer)) ~= nil then
      refuse("an error is { error = TEXT }")
    end
    error(answer.error, 0)
  end
  for key in next, answer do
    if key ~= "where" and key ~= "fields" and key ~= "origins" and key ~= "layers"
      and key ~= "warnings" then
      refuse("unknown key %s", util.show(key))
    end
  end
  place(answer.where, "the VM's place")
  if type(answer.fields) ~= "table" or type(answer.origins) ~= "table" then
    refuse("a VM has fields and origins")
  end
  for key in next, answer.fields do
    if type(key) ~= "string" or not acrn.is_vm_field(key) then
      refuse("%s is not a VM field", util.show(key))
    end
    local origin = answer.origins[key]
    if type(origin) ~= "table" then
      refuse("field %s has no origin", key)
    end
    layer(origin.layer, "the layer of " .. key)
    place(origin.where, "the place of " .. key)
  end
  for key in next, answer.origins do
    if answer.fields[key] == nil then
      refuse("an origin for no field")
    end
  end
  list_of(answer.layers, "layers", layer)
  list_of(answer.warnings, "warnings", function(value, what)
    if type(value) ~= "string" then
      refuse("%s is not text", what)
    end
  end)
  return acrn.internal.restore(answer)
end

-- What the parent says when the child gave no answer.
local function failure(path, limits, how, detail, text)
  if how == "signal" and detail == core.signals.SIGXCPU then
    return string.format("%s: the recipe ran past its %d s of CPU time", path,
      limits.cpu_seconds)
  elseif how == "signal" and detail == core.signals.SIGSYS then
    return string.format("%s: the recipe was stopped by the sandbox: it made a system call "
      .. "the sandbox does not allow", path)
  elseif how == "signal" then
    return string.format("%s: the sandbox's process was killed by signal %d", path, detail)
  elseif how == "refused" then
    return string.format("%s: the sandbox's process %s", path, detail)
  elseif detail == 125 then
    return string.format("%s: the sandbox could not confine itself: %s", path, text)
  end
  return string.format("%s: the sandbox's process ended with status %d and no answer", path,
    detail)
end

-- The limits of one evaluation: `limits` (the site's), the rest from the
-- defaults.
local function complete(limits)
  local all = {}
  for key, value in pairs(M.DEFAULT_LIMITS) do
    all[key] = (limits or {})[key] or value
  end
  return all
end

-- Runs the recipe at `path` with `args` in the sandbox, within `limits`
-- ({ instructions, memory, cpu_seconds }; nil for the defaults).  Returns
-- a fresh, trusted VM, or raises with the recipe's line.
function M.run(path, args, limits)
  limits = complete(limits)
  local ok, answer, detail, text = core.confined(function()
    return child(path, args, limits)
  end, { cpu_seconds = limits.cpu_seconds, memory = limits.memory,
    max_bytes = M.ANSWER_MAX, timeout_seconds = 2 * limits.cpu_seconds + 10 })
  if not ok then
    error(failure(path, limits, answer, detail, text), 0)
  end
  -- reading it back is bounded too
  local limited = core.memory_limit(8 * M.ANSWER_MAX)
  local read, decoded, why = pcall(core.sandbox_decode, answer, MAKERS)
  if limited then
    core.memory_limit(nil)
  end
  if not read then
    error(errors.text(decoded), 0)
  elseif decoded == nil then
    error(why, 0)
  end
  return M.receive(decoded)
end

return M
