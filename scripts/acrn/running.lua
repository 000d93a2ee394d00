-- SPDX-License-Identifier: Apache-2.0
-- The VMs launched here (acrn.lifecycle launched them): which run (list,
-- running, record), and stop, kill, release, console and blkrescan.  A VM
-- runs while its lock is held and the process of its record is the one
-- that started when the record says.
local core = require "acrn.core"
local lifecycle = require "acrn.lifecycle"

core.internal()

local M = {}

local errno, signals = core.errno, core.signals
local check_name, lock_path, read_record, write = lifecycle.check_name, lifecycle.lock_path,
  lifecycle.read_record, lifecycle.write
local pending, to_give_back, give_back = lifecycle.pending, lifecycle.to_give_back,
  lifecycle.give_back

-- What a function here returns for a name that is no VM name here:
-- nil, why, "invalid".
local function invalid_name(name)
  return nil, select(2, M.check_name(name)), "invalid"
end

-- Whether the record's acrn-dm still runs: its lock is held and the
-- process with its pid started when the record says.
local function alive(session, record)
  if not core.lock_held(lock_path(session, record.name)) then
    return false
  end
  return core.process_start(record.pid) == record.start_time
end

-- The record of the running VM `name`, or nil and why: "not running" when
-- none runs (a stale lock and record are cleaned up on the way, unless
-- host steps wait for `release`).
function M.running(session, name)
  if not check_name(name) then
    return invalid_name(name)
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

-- The record of VM `name` as written, running or not; or nil, why, errno.
function M.record(session, name)
  return read_record(session, name)
end

-- Every VM launched here: running, or stopped with host steps to give
-- back (stopped = true).  Stale entries are removed on the way.
function M.list(session)
  local found = {}
  for _, file in ipairs(core.list_dir(session.run_dir) or {}) do
    local name = file:match("^(.+)%.record$") or file:match("^(.+)%.lock$")
    if name and check_name(name) and not found[name] then
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

-- Sends signal `name` ("SIGINT") to the record's acrn-dm (only to the
-- process that started when the record says), writing it down first: the
-- launcher that gives the host back reads it.
local function signal(session, record, name)
  local fresh = read_record(session, record.name)
  if fresh and fresh.pid == record.pid then
    fresh.ended_by = name
    write(session, fresh)
  end
  record.ended_by = name
  return core.signal_process(record.pid, record.start_time, signals[name])
end

-- How long acrn-dm has after SIGINT before SIGKILL: its SIGINT handler
-- powers the VM off at once.
M.SIGINT_SECONDS = 10

-- Stops VM `name` as acrnctl stop does, then harder: DM_STOP through
-- acrn-dm's monitor socket (checked to be served by the recorded acrn-dm),
-- waiting up to `options.grace` seconds (15) for the guest to power off;
-- then SIGINT and SIGINT_SECONDS; then SIGKILL.  acrn-dm's answer err -1
-- (no power management channel) goes on to SIGINT at once.  A real-time
-- VM is only asked: it is not signalled unless `options.force`.
-- `options.say(text)` gets each step.  true and what ended it ("guest",
-- "SIGINT", "SIGKILL"); or nil, why, and "not running" or "still running".
function M.stop(session, name, options)
  options = options or {}
  local grace = options.grace or 15
  local say = options.say or function() end
  local record, why = M.running(session, name)
  if not record then
    return nil, why, "not running"
  end
  local rtvm = lifecycle.is_rtvm(record)
  local root = record.root or session.root
  local directory = (root ~= "/" and root or "") .. core.monitor_dir
  local major = tonumber(tostring(record.target or ""):match("^(%d+)")) or 3
  local answer, problem = core.monitor_stop(directory, name, record.pid, major, 5)
  if answer == 0 then
    say(string.format("asked the guest of %s to power off (DM_STOP); waiting up to %s s", name,
      tostring(grace)))
    if wait_free(session, name, grace) then
      M.running(session, name)
      return true, "guest"
    end
    say(string.format("the guest of %s did not power off within %s s", name, tostring(grace)))
  elseif answer == -1 then
    say(string.format("acrn-dm of %s has no power management channel (it runs without "
      .. "--pm_notify_channel): the guest cannot be asked to power off", name))
  elseif answer then
    say(string.format("acrn-dm of %s answered DM_STOP with err %d", name, answer))
  else
    say("cannot ask the guest to power off: " .. problem)
  end
  if rtvm and not options.force then
    return nil, string.format("%s is a real-time VM and still runs: ACRN does not release its "
      .. "CPUs until its guest powers off, so a signal would end acrn-dm but not the VM. Power "
      .. "the guest off from inside, or use stop --force", name), "still running"
  end
  local how = "SIGINT"
  say(string.format("sending SIGINT to acrn-dm of %s (pid %d); SIGKILL after %d s", name,
    record.pid, M.SIGINT_SECONDS))
  signal(session, record, "SIGINT")
  if not wait_free(session, name, M.SIGINT_SECONDS) then
    how = "SIGKILL"
    signal(session, record, "SIGKILL")
    if not wait_free(session, name, 30) then
      return nil, string.format("VM %s (pid %d) did not end after SIGKILL", name, record.pid),
        "still running"
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
  signal(session, record, "SIGKILL")
  if not wait_free(session, name, 30) then
    return nil, string.format("VM %s (pid %d) did not end after SIGKILL", name, record.pid)
  end
  M.running(session, name)
  return true
end

-- Gives back what the launch of VM `name` did to the host, once it has
-- stopped.  true and what was done; or nil, why, and "running", "unknown",
-- "held" (the CPUs of a real-time VM a signal ended stay recorded) or
-- "failed".
function M.release(session, name)
  if not check_name(name) then
    return invalid_name(name)
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
  if left then
    return nil, string.format("%s: gave back %d host step(s); %s", name, count - #left,
      lifecycle.held_message(record, left)), "held"
  end
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
