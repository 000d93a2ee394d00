-- SPDX-License-Identifier: Apache-2.0
-- Recipes that cannot escape: a recipe run here sees only the acrn API
-- (read-only), safe parts of the standard library, no files, no shell, no
-- debug, no bytecode; it runs in a coroutine with an instruction budget
-- (a count hook) and a memory budget (acrn-launch's allocator).  What it
-- returns is copied, raw, into a fresh VM before any trusted code looks at
-- it, so nothing the recipe left behind (metamethods, finalizers, shared
-- tables) runs afterwards.
local acrn = require "acrn"
local core = require "acrn.core"
local errors = require "acrn.errors"
local kparams = require "acrn.kparams"
local layout = require "acrn.layout"

core.internal()

local M = {}

M.DEFAULT_LIMITS = { instructions = 50000000, memory = 64 * 1024 * 1024 }

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

-- A raw, deep copy of a recipe's value: plain tables only, no metatables,
-- no cycles; devices and kparams lists are acrn's own and kept.
local function plain(value, path, depth, seen)
  if type(value) ~= "table" or core.kind(value) then
    return value
  end
  if kparams.is(value) then
    return kparams.new(value:render())
  end
  if seen[value] then
    error(string.format("%s contains itself", path), 0)
  end
  if depth > MAX_DEPTH then
    error(string.format("%s is nested more than %d deep", path, MAX_DEPTH), 0)
  end
  seen[value] = true
  local copy = {}
  for key, item in next, value do
    copy[key] = plain(item, path .. "." .. tostring(key), depth + 1, seen)
  end
  seen[value] = nil
  return copy
end

-- A trusted VM built from the recipe's VM: every field copied raw.
local function rebuild(vm)
  return acrn.internal.rebuild(vm, function(value, name)
    return plain(value, name, 1, {})
  end)
end

-- Runs the recipe at `path` with `args` in the sandbox, within `limits`
-- ({ instructions, memory }; nil for the defaults).  Returns a trusted VM,
-- or raises with the recipe's line.
function M.run(path, args, limits)
  limits = limits or {}
  local budget = limits.instructions or M.DEFAULT_LIMITS.instructions
  local memory = limits.memory or M.DEFAULT_LIMITS.memory
  local chunk, message = loadfile(path, "t", M.environment(args))
  if not chunk then
    error(message, 0)
  end
  local runner = coroutine.create(function(...)
    local vm = chunk(...)
    if not acrn.is_vm(vm) then
      error(string.format("%s: the recipe must return a VM made by acrn.vm{...}, not %s",
        path, type(vm)), 0)
    end
    return rebuild(vm)
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
  local limited = core.memory_limit(memory)
  acrn.sandboxed = true
  local ok, result = coroutine.resume(runner, table.unpack(args))
  if limited then
    core.memory_limit(nil)
  end
  if not ok then
    if result == "not enough memory" then
      error(string.format("%s: the recipe used more than its %d bytes of memory", path,
        memory), 0)
    end
    if type(result) ~= "string" and not errors.is(result) then
      error(string.format("%s: the recipe raised an error that is not a message (%s)", path,
        type(result)), 0)
    end
    error(result, 0)
  end
  return result
end

return M
