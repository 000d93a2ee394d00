-- SPDX-License-Identifier: Apache-2.0
-- Running VMs: one lock per VM name in the run directory (flock, so a crash
-- releases it), holding the VM's state as a Lua table literal (pid,
-- command, recipe, consoles, drive map, host steps); spawn, list, stop,
-- kill, console, blkrescan and release read and keep it.  (A literal, not
-- JSON: writing it is on every launch's path, and a JSON library costs more
-- to load than the rest of the launch.)
local acrn = require "acrn"
local core = require "acrn.core"
local util = require "acrn.util"

core.internal()

local M = {}

local SIGINT, SIGKILL = 2, 9
local EBUSY = 16

-- Where the locks live: $ACRN_LAUNCH_RUN_DIR, else /run/acrn-launch.
function M.run_dir()
  local dir = os.getenv("ACRN_LAUNCH_RUN_DIR")
  if dir and dir ~= "" then
    return dir
  end
  return "/run/acrn-launch"
end

local function lock_path(name)
  return M.run_dir() .. "/" .. name .. ".lock"
end

-- The consoles a plan has, for `acrn-launch console`.
local function consoles(plan)
  local list = {}
  for _, device in ipairs(plan.devices) do
    if device.kind == "virtio-console" then
      for _, port in ipairs(device.fields.ports or {}) do
        list[#list + 1] = { backend = port.backend, path = port.path, console = port.console,
          name = port.name, mode = port.mode }
      end
    elseif device.kind == "lpc" then
      for _, com in ipairs({ "com1", "com2", "com3", "com4" }) do
        if device.fields[com] then
          list[#list + 1] = { backend = "uart", name = com, path = device.fields[com] }
        end
      end
    end
  end
  return list
end

-- The state a lock file holds for a VM launched from `plan`.
function M.state(plan, pid, recipe)
  local drives = {}
  for index, slot in pairs(plan.drives) do
    drives[tostring(index)] = slot
  end
  return {
    name = plan.name, pid = pid, launcher = core.pid(), program = plan.program,
    argv = plan.argv, command = core.command(plan.program, plan.argv), recipe = recipe,
    started = os.time(), target = plan.target, drives = drives, filled = {},
    consoles = consoles(plan), root = plan.root, host = plan.host,
  }
end

local function encode(state)
  if state.host and #state.host == 0 then
    state.host = nil
  end
  return "return " .. acrn.internal.literal(state) .. "\n"
end

-- A state read back from its text, or nil (the text is data: it runs in an
-- empty environment, as text only).
local function decode(text)
  local chunk = load(text, "=lock", "t", {})
  local ok, state = pcall(chunk or error)
  if ok and type(state) == "table" then
    return state
  end
  return nil
end

-- The state in the lock file of `name`, held or not, or nil.
local function read_file(name)
  local file = io.open(lock_path(name))
  if not file then
    return nil
  end
  local state = decode(file:read("a"))
  file:close()
  return state
end

-- Host steps a stopped VM's launch did and nobody undid yet.
local function pending(state)
  for _, step in ipairs(state and state.host or {}) do
    if step.done then
      return true
    end
  end
  return false
end

-- Takes the lock of `plan`'s VM: the lock, or nil, message, errno (EBUSY:
-- a VM of that name runs).
function M.take(plan)
  return core.lock(M.run_dir(), plan.name)
end

-- Writes the VM's state into its lock.
function M.record(lock, state)
  local ok, message = lock:write(encode(state))
  if not ok then
    error(message, 0)
  end
end

M.EBUSY = EBUSY

-- The state of the running VM `name`, or nil and why ("not running").
function M.read(name)
  local path = lock_path(name)
  local held = core.lock_held(path)
  if not held then
    -- a stopped VM whose host steps wait for `release` keeps its file
    if not pending(read_file(name)) then
      core.lock_clean(path)
    end
    return nil, string.format("no VM named %s is running", name)
  end
  local file = io.open(path)
  if not file then
    return nil, string.format("no VM named %s is running", name)
  end
  local text = file:read("a")
  file:close()
  local state = decode(text)
  if not state then
    return nil, string.format("%s does not hold a VM's state", path)
  end
  return state
end

-- The running VMs, by name; stale lock files are removed on the way.  A
-- stopped VM whose host steps wait for `release` is listed with
-- stopped = true.
function M.list()
  local names = core.list_dir(M.run_dir()) or {}
  local running = {}
  for _, file in ipairs(names) do
    local name = file:match("^(.+)%.lock$")
    if name then
      local state = M.read(name)
      if state then
        running[#running + 1] = state
      else
        state = read_file(name)
        if pending(state) then
          state.stopped = true
          running[#running + 1] = state
        end
      end
    end
  end
  return running
end

-- Undoes the host steps of VM `name`'s launch once it has stopped.  true
-- and what was done; or nil, why, and "running" or "unknown".
function M.release(name)
  local path = lock_path(name)
  if core.lock_held(path) then
    return nil, string.format("VM %s is running: stop it first", name), "running"
  end
  local state = read_file(name)
  if not state then
    return nil, string.format("no VM named %s was launched here", name), "unknown"
  end
  if not pending(state) then
    core.lock_clean(path)
    return true, string.format("%s: nothing to give back", name)
  end
  local undone, why = core.host_undo(state.root or "/", state.host)
  if not undone then
    return nil, string.format("%s: %s", name, why), "failed"
  end
  core.lock_clean(path)
  return true, string.format("%s: gave back %d host step(s)", name, #state.host)
end

-- Waits up to `seconds` for the lock of `name` to be free.
local function wait_free(name, seconds)
  local path = lock_path(name)
  for _ = 1, math.max(1, math.floor(seconds * 20)) do
    if not core.lock_held(path) then
      core.lock_clean(path)
      return true
    end
    core.sleep(0.05)
  end
  return false
end

-- Stops VM `name`: SIGINT, then SIGKILL after `grace` seconds.  true, or
-- nil and why (not running).
function M.stop(name, grace)
  local state, why = M.read(name)
  if not state then
    return nil, why
  end
  core.signal(state.pid, SIGINT)
  if not wait_free(name, grace) then
    core.signal(state.pid, SIGKILL)
    wait_free(name, 30)
  end
  return true
end

-- Kills VM `name` (SIGKILL).  true, or nil and why.
function M.kill(name)
  local state, why = M.read(name)
  if not state then
    return nil, why
  end
  core.signal(state.pid, SIGKILL)
  wait_free(name, 30)
  return true
end

-- Attaches the terminal to VM `name`'s console port (the port marked
-- console, else the first socket, pty or tty) until Ctrl-].
function M.console(name)
  local state, why = M.read(name)
  if not state then
    return nil, why
  end
  local chosen
  for _, port in ipairs(state.consoles or {}) do
    if port.backend ~= "uart" and (port.console or not chosen) then
      chosen = port
    end
  end
  if not chosen then
    return nil, string.format("VM %s has no virtio console port", name)
  end
  if chosen.backend == "stdio" or chosen.backend == "file" then
    return nil, string.format("VM %s's console is on %s, which cannot be attached to; "
      .. "use a pty, tty or socket port", name, chosen.backend)
  end
  local path = chosen.path
  if chosen.backend == "pty" then
    local ptys = core.pty_paths(acrn.defaults.root, state.pid)
    if #ptys == 0 then
      return nil, string.format("VM %s (pid %d) holds no pty", name, state.pid)
    end
    path = ptys[1]
  end
  io.stderr:write(string.format("acrn-launch: attached to %s (%s); Ctrl-] leaves\n", name, path))
  return core.console(path, chosen.backend == "socket")
end

-- Puts the disk at `path` into the placeholder with drive index `index` of
-- VM `name`, through `acrnctl blkrescan NAME "SLOT,PATH"`.  true, output;
-- or nil, message.
function M.blkrescan(name, index, path, acrnctl)
  local state, why = M.read(name)
  if not state then
    return nil, why
  end
  local slot = state.drives[tostring(index)]
  if not slot then
    local known = util.sorted_keys(state.drives)
    return nil, string.format("VM %s has no drive with index %s (its drives: %s)", name,
      tostring(index), table.concat(known, ", "))
  end
  for _, filled in ipairs(state.filled or {}) do
    if tostring(filled.index) == tostring(index) then
      return nil, string.format("drive %s of VM %s (slot %d) already holds %s: ACRN cannot "
        .. "refill a placeholder", tostring(index), name, slot, filled.path)
    end
  end
  if path:find(",", 1, true) then
    return nil, string.format("path %q contains ',' which acrnctl would split", path)
  end
  acrnctl = acrnctl or acrn.defaults.acrnctl
  local child, message = core.spawn(acrnctl, { "blkrescan", name, slot .. "," .. path }, nil, true)
  if not child then
    return nil, message
  end
  local ok, how, code = child:wait()
  local output = child:stderr()
  if not ok then
    return nil, string.format("%s blkrescan %s %q failed (%s %d): %s", acrnctl, name,
      slot .. "," .. path, how, code, output), output
  end
  -- record it, so that the same placeholder is not filled twice
  local lock_state = M.read(name)
  if lock_state then
    lock_state.filled = lock_state.filled or {}
    lock_state.filled[#lock_state.filled + 1] = { index = index, slot = slot, path = path }
    local file = io.open(lock_path(name), "w")
    if file then
      file:write(encode(lock_state))
      file:close()
    end
  end
  return true, output
end

return M
