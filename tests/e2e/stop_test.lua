-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch stop as acrnctl stop does it, then harder: DM_STOP through
-- acrn-dm's monitor socket (a real unix socket served by the stand-in
-- acrn-dm under the launch's --root), the guest's power-off, err -1 without
-- a power management channel, a socket served by another process, SIGINT,
-- and real-time VMs, which are only asked unless --force.
local spec = require "spec"
local launcher = require "launcher"
local core = require "acrn.core"

local has = spec.has

local lacks = spec.lacks

-- Whether a unix socket exists at `path` (io.open cannot open one).
local function socket_exists(path)
  return os.execute("test -S " .. launcher.quote(path))
end

-- A recipe for VM `name` with extra VM fields (Lua source).
local function recipe(name, fields)
  return launcher.write(name .. ".lua", 'local acrn = require "acrn"\nreturn acrn.vm { name = "'
    .. name .. '", ' .. (fields or "") .. " devices = { acrn.hostbridge {} } }\n")
end

-- Launches `name` under --foreground with --root `root`; the stand-in
-- serves its monitor there unless env.ACRN_DM_MONITOR is false.  Returns
-- the background base and the monitor's log path.
local function launch(name, root, fields, env)
  local log = launcher.dir .. "/" .. name .. ".monitor.log"
  local settings = { ACRN_DM_MONITOR = root .. "/run/acrn/mngr", ACRN_DM_MONITOR_LOG = log,
    ACRN_DM_SLEEP = "60" }
  for key, value in pairs(env or {}) do
    settings[key] = value
  end
  local base = launcher.background({ "--root", root, "--foreground", recipe(name, fields) },
    settings)
  return base, log
end

-- The record of VM `name` once acrn-dm runs and (unless `no_socket`) its
-- monitor socket exists.
local function running(name, root, no_socket)
  return launcher.wait_until(function()
    local record = core.record_read(launcher.run_dir, name)
    if not record or record.pid == record.launcher then
      return nil
    end
    if no_socket then
      return record
    end
    local socket = core.monitor_path(root .. "/run/acrn/mngr", name, record.pid)
    return socket_exists(socket) and record
  end, 20, name .. " running")
end

spec.it("a guest with a power management channel powers off on DM_STOP", function()
  local root = launcher.fake_root()
  local base, log = launch("graceful", root, 'pm_notify_channel = "power_button",')
  running("graceful", root)
  local stop = launcher.run({ "stop", "graceful" })
  spec.eq(stop.status, 0, stop.stderr)
  has(stop.stdout, "graceful stopped: its guest powered off")
  has(stop.stderr, "asked the guest of graceful to power off (DM_STOP)")
  lacks(stop.stderr, "SIGINT")
  spec.eq(launcher.read(log), "msgid 3 force 0\n", "one DM_STOP, force 0")
  spec.eq(launcher.wait_file(base .. ".status"), "0\n", "acrn-dm exited by itself")
  spec.eq(launcher.run({ "list" }).stdout, "", "nothing left")
end)

spec.it("err -1 (no channel): says so and sends SIGINT at once", function()
  local root = launcher.fake_root()
  local base, log = launch("nochannel", root)
  running("nochannel", root)
  local stop = launcher.run({ "stop", "nochannel", "--grace", "600" })
  spec.eq(stop.status, 0, stop.stderr)
  has(stop.stderr, "acrn-dm of nochannel has no power management channel")
  has(stop.stderr, "--pm_notify_channel")
  lacks(stop.stderr, "waiting up to 600 s")
  has(stop.stdout, "nochannel stopped: SIGINT ended acrn-dm")
  spec.eq(launcher.read(log), "msgid 3 force 0\n", "it was asked")
  spec.eq(launcher.wait_file(base .. ".status"), "130\n", "128 + SIGINT")
  has(launcher.read(base .. ".err"), "No handler for id:3")
end)

spec.it("a guest that does not power off within --grace gets SIGINT", function()
  local root = launcher.fake_root()
  local base = launch("deaf", root, 'pm_notify_channel = "power_button",',
    { ACRN_DM_GUEST_IGNORES = "1" })
  running("deaf", root)
  local stop = launcher.run({ "stop", "deaf", "--grace", "0.5" })
  spec.eq(stop.status, 0, stop.stderr)
  has(stop.stderr, "the guest of deaf did not power off within 0.5 s")
  has(stop.stdout, "deaf stopped: SIGINT ended acrn-dm")
  spec.eq(launcher.wait_file(base .. ".status"), "130\n", "128 + SIGINT")
end)

spec.it("no monitor socket: says so and sends SIGINT", function()
  local root = launcher.fake_root()
  launch("nomonitor", root, nil, { ACRN_DM_MONITOR = false, ACRN_DM_SLEEP = "60" })
  running("nomonitor", root, true)
  local stop = launcher.run({ "stop", "nomonitor" })
  spec.eq(stop.status, 0, stop.stderr)
  has(stop.stderr, "cannot reach acrn-dm's monitor")
  has(stop.stdout, "nomonitor stopped: SIGINT ended acrn-dm")
end)

spec.it("a monitor socket served by another process is not used", function()
  local root = launcher.fake_root()
  launch("hijacked", root, 'pm_notify_channel = "power_button",',
    { ACRN_DM_MONITOR = false, ACRN_DM_SLEEP = "60" })
  local record = running("hijacked", root, true)
  -- another process serves a socket with acrn-dm's name and pid in it
  local log = launcher.dir .. "/impostor.log"
  local monitor = assert(os.getenv("STAND_IN_MONITOR"))
  os.execute(launcher.plain .. "ACRN_DM_MONITOR=" .. launcher.quote(root .. "/run/acrn/mngr")
    .. " ACRN_DM_MONITOR_PID=" .. record.pid .. " ACRN_DM_MONITOR_LOG=" .. launcher.quote(log)
    .. " ACRN_DM_SLEEP=30 " .. launcher.quote(monitor) .. " --pm_notify_channel hijacked"
    .. " >/dev/null 2>&1 &")
  launcher.wait_until(function()
    return socket_exists(core.monitor_path(root .. "/run/acrn/mngr", "hijacked", record.pid))
  end, 20, "the impostor's socket")
  local stop = launcher.run({ "stop", "hijacked" })
  spec.eq(stop.status, 0, stop.stderr)
  has(stop.stderr, "not by acrn-dm (pid " .. record.pid .. "): not used")
  has(stop.stdout, "hijacked stopped: SIGINT ended acrn-dm")
  -- it saw a connection (that is how its peer was known) but no message
  lacks(launcher.read(log) or "", "msgid") -- no log: nothing was sent
end)

-- A real-time VM with its two CPUs taken offline under the fake root.
local RTVM = 'rtvm = true, cpu_affinity = { cpus = { 2, 3 } }, pm_notify_channel = "power_button",'

local function online(root, cpu)
  return launcher.read(string.format("%s/sys/devices/system/cpu/cpu%d/online", root, cpu))
end

spec.it("a real-time VM is only asked; --grace passes, stop fails, the VM runs on", function()
  local root = launcher.fake_root()
  local base = launch("rt1", root, RTVM, { ACRN_DM_GUEST_IGNORES = "1" })
  running("rt1", root)
  spec.eq(online(root, 2), "0\n", "CPU 2 taken offline")
  local stop = launcher.run({ "stop", "rt1", "--grace", "0.3" })
  spec.eq(stop.status, 1, stop.stderr)
  has(stop.stderr, "rt1 is a real-time VM and still runs")
  has(stop.stderr, "stop --force")
  lacks(stop.stderr, "sending SIGINT")
  spec.truthy(launcher.run({ "list" }).stdout:find("^rt1%s+%d+"), "still running")
  -- --force signals it; its CPUs stay with the hypervisor, recorded
  stop = launcher.run({ "stop", "rt1", "--grace", "0.3", "--force" })
  spec.eq(stop.status, 0, stop.stderr)
  has(stop.stdout, "rt1 stopped: SIGINT ended acrn-dm")
  spec.eq(launcher.wait_file(base .. ".status"), "130\n", "128 + SIGINT")
  has(launcher.read(base .. ".err"), "CPU 2, 3 of real-time VM rt1 stay offline")
  spec.eq(online(root, 2), "0\n", "CPU 2 still offline")
  local record = assert(core.record_read(launcher.run_dir, "rt1"))
  spec.eq(record.ended_by, "SIGINT", "the record says what ended it")
  local kept = 0
  for _, step in ipairs(record.steps) do
    if step.step == "offline-cpu" then
      spec.eq(step.state, "done", "offline-cpu " .. step.object .. " still done")
      kept = kept + 1
    end
  end
  spec.eq(kept, 2, "both CPU steps kept")
  has(launcher.run({ "list" }).stdout, "stopped; run acrn-launch release rt1")
  local release = launcher.run({ "release", "rt1" })
  spec.eq(release.status, 1, release.stderr)
  has(release.stderr, "ACRN does not release a real-time VM's CPUs until its guest")
  spec.eq(online(root, 2), "0\n", "release did not bring it online")
end)

spec.it("a real-time VM whose guest powers off gives its CPUs back", function()
  local root = launcher.fake_root()
  local base, log = launch("rt2", root, RTVM)
  running("rt2", root)
  local stop = launcher.run({ "stop", "rt2" })
  spec.eq(stop.status, 0, stop.stderr)
  has(stop.stdout, "rt2 stopped: its guest powered off")
  spec.eq(launcher.read(log), "msgid 3 force 0\n", "asked with force 0")
  spec.eq(launcher.wait_file(base .. ".status"), "0\n", "acrn-dm exited by itself")
  spec.eq(online(root, 2), "1\n", "CPU 2 back online")
  lacks(launcher.run({ "list" }).stdout, "rt2")
end)

spec.it("a real-time VM without a channel fails at once without --force", function()
  local root = launcher.fake_root()
  local base = launch("rt3", root, 'rtvm = true, cpu_affinity = { cpus = { 2 } },')
  running("rt3", root)
  local stop = launcher.run({ "stop", "rt3", "--grace", "600" })
  spec.eq(stop.status, 1, stop.stderr)
  has(stop.stderr, "no power management channel")
  has(stop.stderr, "rt3 is a real-time VM and still runs")
  spec.eq(launcher.run({ "kill", "rt3" }).status, 0, "kill is always a signal")
  spec.eq(launcher.wait_file(base .. ".status"), "137\n", "128 + SIGKILL")
  spec.eq(assert(core.record_read(launcher.run_dir, "rt3")).ended_by, "SIGKILL", "recorded")
end)

spec.done()
