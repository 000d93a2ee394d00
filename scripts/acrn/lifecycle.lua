-- SPDX-License-Identifier: Apache-2.0
-- A VM's lifecycle, in one place for acrn-launch and for vm:launch() and
-- vm:spawn(): take the VM's lock, write its record, prepare the host (each
-- step written down before and after it acts), exec acrn-dm or run it as
-- a supervised child, undo the host steps once it ends, and remove the
-- record; and around it list, status, stop, kill, release, console and
-- blkrescan.  The lock (RUN_DIR/NAME.lock, flock) says a VM runs; the
-- record (RUN_DIR/NAME.record, written by the core) says what it is: its
-- pid and start time (a process is never known by its pid alone), its
-- command, its consoles and drives, and its host steps.
local core = require "acrn.core"

core.internal()

local M = {}

local errno, signals = core.errno, core.signals

-- ---------------------------------------------------------------------------
-- Names and places

-- Whether `name` can be a VM's name here (it becomes a file name in the
-- run directory): true, or nil and why.
function M.check_name(name)
  if type(name) ~= "string" or name == "" then
    return nil, '"" is not a VM name: it is empty'
  end
  if #name > 127 or not name:match("^[%w_][%w_.-]*$") then
    return nil, string.format("%q is not a VM name (A-Z a-z 0-9 _ . -, not starting with "
      .. ". or -, at most 127 bytes)", name)
  end
  return true
end

local function lock_path(session, name)
  return session.run_dir .. "/" .. name .. ".lock"
end

-- The record of VM `name`, or nil, why, errno.
local function read_record(session, name)
  return core.record_read(session.run_dir, name)
end

-- Whether the record's acrn-dm still runs: its lock is held and the
-- process with its pid started when the record says.
local function alive(session, record)
  if not core.lock_held(lock_path(session, record.name)) then
    return false
  end
  return core.process_start(record.pid) == record.start_time
end

-- Whether a step has something to give back: begun or done, and not one
-- that found the host as it wanted it ("none: …").
local function to_give_back(step)
  return (step.state == "started" or step.state == "done") and step.undo:sub(1, 5) ~= "none:"
end

-- Host steps of a launch that wait to be given back.
local function pending(record)
  for _, step in ipairs(record and record.steps or {}) do
    if to_give_back(step) then
      return true
    end
  end
  return false
end

-- The CPUs launches took offline and wrote down, with their LAPIC ids:
-- /proc/cpuinfo no longer lists them, and a relaunch must still map them.
function M.recorded_cpus(session)
  local cpus = {}
  for _, file in ipairs(core.list_dir(session.run_dir) or {}) do
    local name = file:match("^(.+)%.record$")
    local record = name and read_record(session, name)
    for _, step in ipairs(record and record.steps or {}) do
      if step.step == "offline-cpu" and step.detail ~= "" and step.state ~= "undone" then
        cpus[#cpus + 1] = { number = tonumber(step.object), lapic_id = tonumber(step.detail) }
      end
    end
  end
  return cpus
end

-- ---------------------------------------------------------------------------
-- Launching

-- The host steps of a new launch of VM `name`: what an earlier launch did
-- and nobody gave back yet (its CPUs still offline, say) comes first and
-- stays to be given back once this one ends; the new launch's own steps
-- follow, but for those the earlier launch did already.
function M.adopt(session, name, steps)
  local earlier = read_record(session, name)
  local adopted, covered = {}, {}
  for _, step in ipairs(earlier and earlier.steps or {}) do
    if to_give_back(step) then
      adopted[#adopted + 1] = step
      covered[step.step .. " " .. step.object] = true
    end
  end
  for _, step in ipairs(steps) do
    if not covered[step.step .. " " .. step.object] then
      adopted[#adopted + 1] = step
    end
  end
  return adopted
end

-- Writes the record down; raises when it cannot (a launch must not go on
-- without one).
local function write(session, record)
  return core.record_write(session.run_dir, record)
end

-- Undoes the record's host steps, writing each down; removes the record
-- once nothing is left to give back.  true, or nil and why.
local function give_back(session, record)
  local undone, why = core.host_undo(record.root or session.root, record.steps, function(steps)
    record.steps = steps
    return write(session, record)
  end)
  if not undone then
    return nil, why
  end
  core.record_remove(session.run_dir, record.name)
  return true
end

-- Launches `vm` (a VM made by acrn.vm) in `session`: how = "exec" (this
-- process becomes acrn-dm; returns only on failure), "spawn" (a child and
-- its handle; the host is given back once the handle has seen it exit).
-- `say(text)` gets what a person should read (may be nil).  Returns the
-- handle and the record, or nil, message, errno and where it failed:
-- "lock" (EBUSY: a VM of that name runs), "prepare", or "start" (the exec
-- or the child's start).  Once a child has exited and giving the host back
-- failed, the record says why in `give_back_failed`.
function M.launch(session, vm, how, say)
  say = say or function() end
  local plan = vm:build(session)
  local program = vm:program()
  local name = plan:name()
  local lock, message, code = core.lock(session.run_dir, name)
  if not lock then
    return nil, message, code, "lock"
  end
  local pid = core.pid()
  local record = {
    name = name, pid = pid, start_time = core.process_start(pid), launcher = pid,
    started = os.time(), program = program, argv = plan:argv(), recipe = session.recipe,
    target = plan:target(), root = session.root, hash = plan:hash(program),
    consoles = plan:consoles(), drives = plan:drives(), steps = M.adopt(session, name,
      plan:steps()),
  }
  local written, why = write(session, record)
  if not written then
    lock:release()
    return nil, why, nil, "prepare"
  end
  local planned = {}
  for i, step in ipairs(record.steps) do
    planned[i] = step.state == "planned"
  end
  local prepared, failure, failure_code = core.host_run(session.root, record.steps,
    function(steps)
      record.steps = steps
      return write(session, record)
    end)
  if not prepared then
    local back, left = give_back(session, record)
    lock:release()
    if not back then
      failure = failure .. "; and giving the host back failed: " .. left
    end
    return nil, failure, failure_code, "prepare"
  end
  for i, step in ipairs(record.steps) do
    if planned[i] and step.state == "done" then
      say("prepared the host: " .. step.step .. " " .. step.object .. ": " .. step.does)
    end
  end
  if how == "exec" then
    lock:keep_on_exec()
    say("exec " .. plan:command(program))
    local _, exec_message, exec_code = plan:exec(program)
    local back, left = give_back(session, record)
    lock:release()
    if not back then
      exec_message = exec_message .. "; and giving the host back failed: " .. left
    end
    return nil, exec_message, exec_code, "start"
  end
  local child
  child, message, code = core.spawn(program, record.argv, lock, false, function()
    local back, left = give_back(session, record)
    if not back then
      -- the record stays: release can try again
      record.give_back_failed = left
      say("could not give the host back: " .. left .. " (acrn-launch release " .. name
        .. " tries again)")
    elseif #record.steps > 0 then
      say("gave the host back")
    end
  end)
  if not child then
    give_back(session, record)
    lock:release()
    return nil, message, code, "start"
  end
  record.pid = child.pid
  record.start_time = core.process_start(child.pid) or 0
  write(session, record)
  return child, record
end

-- ---------------------------------------------------------------------------
-- Running VMs

-- The record of the running VM `name`, or nil and why: "not running" when
-- none runs (a stale lock and record are cleaned up on the way, unless
-- host steps wait for `release`).
function M.running(session, name)
  local ok, why = M.check_name(name)
  if not ok then
    return nil, why, "invalid"
  end
  local record = read_record(session, name)
  if record and alive(session, record) then
    return record
  end
  if not (record and pending(record)) then
    core.record_remove(session.run_dir, name)
    core.lock_clean(lock_path(session, name))
  end
  return nil, string.format("no VM named %s is running", name), "not running"
end

-- Every VM launched here: running, or stopped with host steps to give
-- back (stopped = true).  Stale entries are removed on the way.
function M.list(session)
  local found = {}
  for _, file in ipairs(core.list_dir(session.run_dir) or {}) do
    local name = file:match("^(.+)%.record$") or file:match("^(.+)%.lock$")
    if name and M.check_name(name) and not found[name] then
      found[name] = true
    end
  end
  local names = {}
  for name in pairs(found) do
    names[#names + 1] = name
  end
  table.sort(names)
  local vms = {}
  for _, name in ipairs(names) do
    local record = M.running(session, name)
    if record then
      vms[#vms + 1] = record
    else
      record = read_record(session, name)
      if record and pending(record) then
        record.stopped = true
        vms[#vms + 1] = record
      end
    end
  end
  return vms
end

-- Waits up to `seconds` for VM `name`'s lock to be free.
local function wait_free(session, name, seconds)
  local path = lock_path(session, name)
  for _ = 1, math.max(1, math.floor(seconds * 20)) do
    if not core.lock_held(path) then
      return true
    end
    core.sleep(0.05)
  end
  return false
end

-- Sends `signal` to the record's acrn-dm (only to the process that started
-- when the record says).
local function signal(record, number)
  return core.signal_process(record.pid, record.start_time, number)
end

-- Stops VM `name`: SIGINT, then SIGKILL after `grace` seconds.  true and
-- how it ended ("SIGINT", "SIGKILL"), or nil and why.  The record stays
-- while host steps wait for `release`.
function M.stop(session, name, grace)
  local record, why = M.running(session, name)
  if not record then
    return nil, why
  end
  local how = "SIGINT"
  signal(record, signals.SIGINT)
  if not wait_free(session, name, grace) then
    how = "SIGKILL"
    signal(record, signals.SIGKILL)
    if not wait_free(session, name, 30) then
      return nil, string.format("VM %s (pid %d) did not end after SIGKILL", name, record.pid)
    end
  end
  M.running(session, name)
  return true, how
end

-- Kills VM `name` (SIGKILL).  true, or nil and why.
function M.kill(session, name)
  local record, why = M.running(session, name)
  if not record then
    return nil, why
  end
  signal(record, signals.SIGKILL)
  if not wait_free(session, name, 30) then
    return nil, string.format("VM %s (pid %d) did not end after SIGKILL", name, record.pid)
  end
  M.running(session, name)
  return true
end

-- Gives back what the launch of VM `name` did to the host, once it has
-- stopped.  true and what was done; or nil, why, and "running", "unknown"
-- or "failed".
function M.release(session, name)
  local ok, invalid = M.check_name(name)
  if not ok then
    return nil, invalid, "invalid"
  end
  if core.lock_held(lock_path(session, name)) then
    return nil, string.format("VM %s is running: stop it first", name), "running"
  end
  local record, why, code = read_record(session, name)
  if not record then
    if code == errno.ENOENT then
      return nil, string.format("no VM named %s was launched here", name), "unknown"
    end
    return nil, why, "failed"
  end
  local count = 0
  for _, step in ipairs(record.steps) do
    if to_give_back(step) then
      count = count + 1
    end
  end
  local back, left = give_back(session, record)
  if not back then
    return nil, string.format("%s: %s", name, left), "failed"
  end
  core.lock_clean(lock_path(session, name))
  if count == 0 then
    return true, string.format("%s: nothing to give back", name)
  end
  return true, string.format("%s: gave back %d host step(s)", name, count)
end

-- Attaches the terminal to VM `name`'s console port (the port marked
-- console, else the first socket, pty or tty) until Ctrl-].
function M.console(session, name, say)
  local record, why = M.running(session, name)
  if not record then
    return nil, why
  end
  local chosen
  for _, port in ipairs(record.consoles) do
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
    local ptys = core.pty_paths(session.root, record.pid)
    if #ptys == 0 then
      return nil, string.format("VM %s (pid %d) holds no pty", name, record.pid)
    end
    path = ptys[1]
  end
  if chosen.backend ~= "pty" then
    -- keystrokes go only where the VM reads them: a terminal or a socket
    -- its acrn-dm holds, never a file or another program's socket
    local held, refusal = core.console_held(record.pid, path, chosen.backend == "socket")
    if not held then
      return nil, string.format("VM %s: %s", name, refusal)
    end
  end
  if say then
    say(string.format("attached to %s (%s); Ctrl-] leaves", name, path))
  end
  return core.console(path, chosen.backend == "socket")
end

-- Puts the disk at `path` into the placeholder with drive index `index` of
-- VM `name`, through `acrnctl blkrescan NAME "SLOT,PATH"`.  true, output;
-- or nil, message.
function M.blkrescan(session, name, index, path, acrnctl)
  local record, why = M.running(session, name)
  if not record then
    return nil, why
  end
  local drive
  local known = {}
  for _, item in ipairs(record.drives) do
    known[#known + 1] = tostring(item.index)
    if item.index == index then
      drive = item
    end
  end
  if not drive then
    return nil, string.format("VM %s has no drive with index %s (its drives: %s)", name,
      tostring(index), table.concat(known, ", "))
  end
  if drive.filled then
    return nil, string.format("drive %d of VM %s (slot %d) already holds %s: ACRN cannot "
      .. "refill a placeholder", index, name, drive.slot, drive.filled)
  end
  if path:find(",", 1, true) then
    return nil, string.format("path %q contains ',' which acrnctl would split", path)
  end
  acrnctl = acrnctl or session.acrnctl
  local argument = drive.slot .. "," .. path
  local child, message = core.spawn(acrnctl, { "blkrescan", name, argument }, nil, true)
  if not child then
    return nil, message
  end
  local ok, how, code = child:wait()
  local output = child:stderr()
  if not ok then
    return nil, string.format("%s blkrescan %s %q failed (%s %d): %s", acrnctl, name, argument,
      how, code, output)
  end
  -- written down, so that the same placeholder is not filled twice
  drive.filled = path
  write(session, record)
  return true, output
end

return M
