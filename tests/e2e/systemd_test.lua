-- SPDX-License-Identifier: Apache-2.0
-- Under systemd, without systemd as PID 1: readiness through a
-- $NOTIFY_SOCKET the test binds (a path and an abstract name), no second
-- timestamp when stderr is the $JOURNAL_STREAM, --foreground's exit
-- statuses apart from the launcher's own, the unit (systemd-analyze verify
-- and what it must say), and the generator on temporary directories.
local spec = require "spec"
local launcher = require "launcher"
local core = require "acrn.core"
local cli = require "acrn.cli"
local foreground = require "acrn.foreground"
local running = require "acrn.running"

local receiver = assert(os.getenv("NOTIFY_RECEIVER"), "NOTIFY_RECEIVER is not set")

local has = spec.has

local function recipe(name)
  return launcher.write(name .. ".lua", 'local acrn = require "acrn"\nreturn acrn.vm { name = "'
    .. name .. '", devices = { acrn.hostbridge {} } }\n')
end

-- Binds a notify socket at `address` (a path or @name); returns its log.
local function notify_socket(address, seconds)
  local log = launcher.dir .. "/notify" .. tostring(os.clock()):gsub("%.", "") .. ".log"
  local bound = log .. ".bound"
  os.execute(launcher.plain .. launcher.quote(receiver) .. " " .. launcher.quote(address) .. " "
    .. launcher.quote(log) .. " " .. launcher.quote(bound) .. " " .. (seconds or 60)
    .. " >/dev/null 2>&1 &")
  launcher.wait_until(function() return io.open(bound) end, 20, "the notify socket bound")
  return log
end

local function socket_exists(path)
  return os.execute("test -S " .. launcher.quote(path))
end

for _, kind in ipairs({ "path", "abstract" }) do
  spec.it("READY=1 once acrn-dm runs and its monitor socket exists (" .. kind .. ")", function()
    local address = kind == "path" and launcher.dir .. "/notify.sock"
      or "@acrn-launch-test-" .. tostring(os.time()) .. "-" .. tostring(os.clock()):gsub("%.", "")
    local log = notify_socket(address)
    local root = launcher.fake_root()
    local name = "ready" .. kind
    local base = launcher.background({ "--root", root, "--foreground", recipe(name) }, {
      NOTIFY_SOCKET = address, ACRN_DM_MONITOR = root .. "/run/acrn/mngr", ACRN_DM_SLEEP = "60" })
    local said = launcher.wait_file(log, 20)
    -- by the time systemd hears READY=1, the monitor socket is there
    local record = assert(core.record_read(launcher.run_dir, name))
    spec.truthy(socket_exists(core.monitor_path(root .. "/run/acrn/mngr", name, record.pid)),
      "the monitor socket exists")
    has(said, "READY=1\n")
    has(said, "STATUS=" .. name .. " runs (acrn-dm pid " .. record.pid .. ")")
    spec.eq(launcher.run({ "stop", name }).status, 0, "stopped")
    launcher.wait_file(base .. ".status")
  end)
end

spec.it("no READY=1 when acrn-dm never serves its monitor", function()
  local address = launcher.dir .. "/notify-none.sock"
  local log = notify_socket(address)
  local base = launcher.background({ "--foreground", recipe("neverready") },
    { NOTIFY_SOCKET = address, ACRN_DM_SLEEP = "0.5", ACRN_DM_EXIT = "1" })
  spec.eq(launcher.wait_file(base .. ".status"), "101\n", "acrn-dm's exit 1 as 101")
  -- the launcher has exited: whatever it sent has arrived
  spec.eq(launcher.read(log), nil, "systemd heard nothing")
end)

spec.it("no second timestamp when stderr is the journal's stream", function()
  local err = launcher.write("journal.err", "")
  local pipe = assert(io.popen("stat -c '%d:%i' " .. launcher.quote(err)))
  local stream = pipe:read("l")
  pipe:close()
  local base = launcher.background({ "--foreground", recipe("journaled") },
    { JOURNAL_STREAM = stream, ACRN_DM_STDERR = "booting", ACRN_DM_EXIT = "0" }, err)
  spec.eq(launcher.wait_file(base .. ".status"), "0\n", "ran")
  local text = launcher.read(err)
  has(text, "\njournaled: booting\n")
  spec.truthy(not text:find("%d%d%d%d%-%d%d%-%d%dT"), "no timestamp: " .. text)
  -- another stream: timestamps
  base = launcher.background({ "--foreground", recipe("stamped") },
    { JOURNAL_STREAM = "1:2", ACRN_DM_STDERR = "booting", ACRN_DM_EXIT = "0" })
  spec.eq(launcher.wait_file(base .. ".status"), "0\n", "ran")
  spec.truthy(launcher.read(base .. ".err"):find("%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%dZ stamped: "
    .. "booting"), "timestamped")
end)

spec.it("--foreground: acrn-dm's statuses never look like the launcher's own", function()
  local cases = { { "0", "0\n" }, { "1", "101\n" }, { "2", "102\n" }, { "3", "103\n" },
    { "4", "104\n" }, { "126", "226\n" }, { "127", "227\n" }, { "64", "64\n" },
    { "10", "10\n" }, { "11", "11\n" } }
  for i, case in ipairs(cases) do
    local base = launcher.background({ "--foreground", recipe("status" .. i) },
      { ACRN_DM_EXIT = case[1] })
    spec.eq(launcher.wait_file(base .. ".status"), case[2], "acrn-dm exit " .. case[1])
  end
  -- and the launcher's own, before acrn-dm runs
  local missing = launcher.run({ "--foreground", recipe("nodm") },
    { dm = launcher.dir .. "/no-such-acrn-dm" })
  spec.eq(missing.status, 127, missing.stderr)
  spec.eq(launcher.run({ "--foreground", launcher.dir .. "/nope.lua" }).status, 1, "no recipe")
  for own = 1, 255 do
    local mapped = foreground.status("exit", own)
    if own ~= 0 then
      spec.truthy(not ({ [1] = 1, [2] = 1, [3] = 1, [4] = 1, [126] = 1, [127] = 1 })[mapped],
        "exit " .. own .. " maps to " .. mapped)
    end
  end
end)

-- The unit as installed, with the launcher's path.
local function unit_text()
  return assert(io.open(assert(os.getenv("ACRN_VM_UNIT")))):read("a")
end

spec.it("the unit: notify, a checked start, the device as a condition, no restart loops",
  function()
    local text = unit_text()
    has(text, "\nType=notify\n")
    spec.truthy(text:find("\nExecStartPre=%S+acrn%-launch %-c /etc/acrn%-launch/vms/%%i%.lua\n"),
      "ExecStartPre with -c")
    spec.truthy(text:find("\nExecStart=%S+acrn%-launch %-%-foreground "), "ExecStart")
    has(text, "\nConditionPathExists=|/dev/acrn_hsm\n")
    has(text, "\nConditionPathExists=|/dev/acrn_vhm\n")
    -- RestartPreventExitStatus lists exactly the launcher's own errors
    local listed = {}
    for code in text:match("\nRestartPreventExitStatus=([%d ]+)\n"):gmatch("%d+") do
      listed[#listed + 1] = tonumber(code)
    end
    local own = {}
    for key, code in pairs(cli.EXIT) do
      if key ~= "ok" then
        own[#own + 1] = code
      end
    end
    table.sort(own)
    spec.eq(listed, own, "RestartPreventExitStatus")
    -- longer than the whole stop: grace, SIGINT's wait, SIGKILL's, the monitor's
    local grace = tonumber(text:match("\nExecStop=%S+ stop %%i %-%-grace (%d+)\n"))
    local timeout = tonumber(text:match("\nTimeoutStopSec=(%d+)\n"))
    spec.truthy(grace and timeout and timeout > grace + running.SIGINT_SECONDS + 30 + 5,
      "TimeoutStopSec " .. tostring(timeout) .. " after a grace of " .. tostring(grace))
  end)

spec.it("the unit passes systemd-analyze verify", function()
  if not os.execute("command -v systemd-analyze >/dev/null 2>&1") then
    io.stderr:write("skipped: no systemd-analyze here\n")
    return
  end
  local dir = launcher.dir .. "/unit"
  os.execute("mkdir -p " .. launcher.quote(dir))
  local text = unit_text():gsub("/usr/local/bin/acrn%-launch", launcher.launcher)
  launcher.write("unit/acrn-vm@.service", text)
  -- its Documentation= names the manual page, which verify looks up
  local man = launcher.dir .. "/man"
  os.execute("mkdir -p " .. launcher.quote(man .. "/man1") .. " && cp "
    .. launcher.quote(launcher.source .. "/packaging/acrn-launch.1") .. " "
    .. launcher.quote(man .. "/man1/"))
  local pipe = io.popen(launcher.plain .. "MANPATH=" .. launcher.quote(man)
    .. " systemd-analyze verify " .. launcher.quote(dir .. "/acrn-vm@vm1.service")
    .. " 2>&1; echo status=$?")
  local out = pipe:read("a")
  pipe:close()
  spec.eq(out, "status=0\n", "systemd-analyze verify")
end)

spec.it("the generator enables every recipe with a usable name, on temporary directories",
  function()
    local generator = assert(os.getenv("ACRN_LAUNCH_GENERATOR"))
    local vms = launcher.dir .. "/vms"
    os.execute("mkdir -p " .. launcher.quote(vms))
    for _, name in ipairs({ "vm1", "web_2.test", "-bad", "bad name", "notes" }) do
      launcher.write("vms/" .. name .. (name == "notes" and ".txt" or ".lua"), "-- recipe\n")
    end
    os.execute("mkdir -p " .. launcher.quote(vms .. "/dir.lua"))
    local out = launcher.dir .. "/generated"
    local ok = os.execute(launcher.plain .. "ACRN_LAUNCH_VMS_DIR=" .. launcher.quote(vms)
      .. " ACRN_LAUNCH_UNIT_DIR=/lib/systemd/system " .. launcher.quote(generator) .. " "
      .. launcher.quote(out) .. " " .. launcher.quote(out .. "-early") .. " "
      .. launcher.quote(out .. "-late"))
    spec.truthy(ok, "the generator ran")
    local links = core.list_dir(out .. "/multi-user.target.wants") or {}
    table.sort(links)
    spec.eq(links, { "acrn-vm@vm1.service", "acrn-vm@web_2.test.service" }, "wanted units")
    local pipe = io.popen("readlink " .. launcher.quote(out
      .. "/multi-user.target.wants/acrn-vm@vm1.service"))
    spec.eq(pipe:read("l"), "/lib/systemd/system/acrn-vm@.service", "a link to the template")
    pipe:close()
    -- no recipes directory: nothing, and no failure
    out = launcher.dir .. "/generated-none"
    ok = os.execute(launcher.plain .. "ACRN_LAUNCH_VMS_DIR=/nonexistent "
      .. launcher.quote(generator) .. " " .. launcher.quote(out) .. " /tmp /tmp")
    spec.truthy(ok, "ran")
    spec.eq(io.open(out), nil, "generated nothing")
  end)

spec.done()
