-- SPDX-License-Identifier: Apache-2.0
-- A VM's lifecycle, in one place for acrn-launch and for vm:launch() and
-- vm:spawn(): take the VM's lock, write its record, prepare the host (each
-- step written down before and after it acts), exec acrn-dm or run it as
-- a supervised child, undo the host steps once it ends, and remove the
-- record (acrn.running finds, stops and releases the VMs it launched).
-- The lock (RUN_DIR/NAME.lock, flock) says a VM runs; the
-- record (RUN_DIR/NAME.record, written by the core) says what it is: its
-- pid and start time (a process is never known by its pid alone), its
-- command, its consoles and drives, and its host steps.
local core = require "acrn.core"

core.internal()

local M = {}

local signals = core.signals

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

-- After a launch failed: gives the host back and the lock up; returns
-- `message`, with what giving back could not do.
local function abandon(session, record, lock, message)
  local back, left = give_back(session, record)
  lock:release()
  if not back then
    return message .. "; and giving the host back failed: " .. left
  end
  return message
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
    return nil, abandon(session, record, lock, failure), failure_code, "prepare"
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
    return nil, abandon(session, record, lock, exec_message), exec_code, "start"
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
-- For acrn.running, which finds, stops and releases the VMs launched here

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

M.lock_path, M.read_record, M.write, M.pending, M.to_give_back, M.give_back =
  lock_path, read_record, write, pending, to_give_back, give_back

return M
