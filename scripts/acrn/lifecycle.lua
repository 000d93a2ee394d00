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

-- What a lifecycle function returns for a name that is no VM name here:
-- nil, why, "invalid".
local function invalid_name(name)
  return nil, select(2, M.check_name(name)), "invalid"
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

-- Whether the record is of a real-time VM: --rtvm, or before 3.0 also
-- --lapic_pt (which then implied one).
function M.is_rtvm(record)
  local major = tonumber(tostring(record.target or ""):match("^(%d+)")) or 3
  for _, word in ipairs(record.argv or {}) do
    if word == "--rtvm" or (word == "--lapic_pt" and major < 3) then
      return true
    end
  end
  return false
end

-- The CPU steps a signal leaves with the hypervisor: ACRN releases a
-- real-time VM's CPUs only once its guest has begun to power off, so after
-- a signal ended its acrn-dm they stay offline and recorded.
local function held_by_hypervisor(record, step)
  return record.ended_by ~= nil and step.step == "offline-cpu" and M.is_rtvm(record)
end

-- Undoes the record's host steps, writing each down; removes the record
-- once nothing is left to give back.  true (and the steps kept, if any),
-- or nil and why.
local function give_back(session, record)
  -- `stop` and `kill` write down the signal they send, in the file
  local fresh = read_record(session, record.name)
  if fresh and fresh.pid == record.pid and fresh.ended_by then
    record.ended_by = fresh.ended_by
  end
  local undoable, kept, order = {}, {}, {}
  for i, step in ipairs(record.steps) do
    if to_give_back(step) and held_by_hypervisor(record, step) then
      kept[#kept + 1] = step
      order[i] = { kept, #kept }
    else
      undoable[#undoable + 1] = step
      order[i] = { undoable, #undoable }
    end
  end
  local function merged()
    local steps = {}
    for i, at in ipairs(order) do
      steps[i] = at[1][at[2]]
    end
    return steps
  end
  local undone, why = core.host_undo(record.root or session.root, undoable, function(steps)
    undoable = steps
    for i, at in ipairs(order) do
      if at[1] ~= kept then
        order[i] = { undoable, at[2] }
      end
    end
    record.steps = merged()
    return write(session, record)
  end)
  if not undone then
    return nil, why
  end
  if #kept > 0 then
    record.steps = merged()
    write(session, record)
    return true, kept
  end
  core.record_remove(session.run_dir, record.name)
  return true
end

-- Launches `vm` (a VM made by acrn.vm) in `session`: how = "exec" (this
-- process becomes acrn-dm; returns only on failure), "spawn" (a child and
-- its handle; the host is given back once the handle has seen it exit),
-- "supervise" (as spawn, with acrn-dm's stdout on the same pipe as its
-- stderr, for --foreground to log line by line).
-- `say(text)` gets what a person should read (may be nil).  `plan`: the
-- core plan vm:build made for this session, when the caller has it (the
-- one a site checked), else it is built here.  Returns the
-- handle and the record, or nil, message, errno and where it failed:
-- "lock" (EBUSY: a VM of that name runs), "prepare", or "start" (the exec
-- or the child's start).  Once a child has exited and giving the host back
-- failed, the record says why in `give_back_failed`.
function M.launch(session, vm, how, say, plan)
  say = say or function() end
  plan = plan or vm:build(session)
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
  child, message, code = core.spawn(program, record.argv, lock, how == "supervise",
    function(ended, number)
      if ended == "signal" and not record.ended_by then
        record.ended_by = M.signal_name(number)
      end
      local back, left = give_back(session, record)
      if not back then
        -- the record stays: release can try again
        record.give_back_failed = left
        say("could not give the host back: " .. left .. " (acrn-launch release " .. name
          .. " tries again)")
      elseif left then
        say(M.held_message(record, left))
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
  if not M.check_name(name) then
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

-- The name of signal `number` ("SIGINT"), as records and messages say it.
function M.signal_name(number)
  for name, value in pairs(signals) do
    if value == number then
      return name
    end
  end
  return "SIG" .. tostring(number)
end

-- What `release` and a supervising launcher say about CPUs a signal left
-- with the hypervisor.
function M.held_message(record, steps)
  local cpus = {}
  for _, step in ipairs(steps) do
    cpus[#cpus + 1] = step.object
  end
  return string.format("CPU %s of real-time VM %s stay offline and recorded: its acrn-dm was "
    .. "ended by %s before its guest powered off, and ACRN does not release a real-time VM's "
    .. "CPUs until its guest has begun to power off. Bringing them online now would hand the "
    .. "Service VM CPUs the hypervisor may still run the VM on; a relaunch of %s takes them "
    .. "over, and a reboot of the Service VM frees them", table.concat(cpus, ", "), record.name,
    record.ended_by or "a signal", record.name)
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
  local rtvm = M.is_rtvm(record)
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
  if not M.check_name(name) then
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
      M.held_message(record, left)), "held"
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
