-- SPDX-License-Identifier: Apache-2.0
-- Running VMs: spawn, wait, stop, kill and the stderr tail through the Lua
-- API; --foreground; one VM per name; list, stop, kill, console and
-- blkrescan through acrn-launch; no zombie after any of it.  The stand-in
-- acrn-dm sleeps, floods, ignores SIGINT, exits or crashes on request.
local spec = require "spec"
local launcher = require "launcher"
local acrn = require "acrn"
local core = require "acrn.core"

local run_dir = launcher.run_dir
local record = launcher.dir .. "/spawn.record"

local has = spec.has

-- Sets the stand-in's behaviour for children this process starts.
local function behave(settings)
  local names = { "SLEEP", "STDERR", "FLOOD", "IGNORE_INT", "EXIT", "CRASH", "SOCKET",
    "GREETING", "RECEIVED" }
  local env = {}
  for _, name in ipairs(names) do
    env["ACRN_DM_" .. name] = settings[name:lower()] or false
  end
  return env
end

-- The stand-in acrn-dm reads its behaviour from the environment; the Lua
-- API's children inherit this process's, so set it through a wrapper.
local function stand_in_with(settings)
  local lines = { "#!/bin/sh" }
  for key, value in pairs(behave(settings)) do
    if value then
      lines[#lines + 1] = "export " .. key .. "=" .. launcher.quote(tostring(value))
    end
  end
  lines[#lines + 1] = "export ACRN_DM_RECORD=" .. launcher.quote(record)
  lines[#lines + 1] = "exec " .. launcher.quote(launcher.stand_in) .. ' "$@"'
  return launcher.write("dm-" .. tostring(os.clock()):gsub("%.", "") .. ".sh",
    table.concat(lines, "\n") .. "\n", "755")
end

-- The zombies among this process's children.
local function zombies()
  local me = assert(io.open("/proc/self/stat")):read("l"):match("^(%d+)")
  local found = {}
  for _, entry in ipairs(core.list_dir("/proc")) do
    if entry:match("^%d+$") then
      local file = io.open("/proc/" .. entry .. "/stat")
      local line = file and file:read("l")
      if file then
        file:close()
      end
      local state, parent
      if line then
        state, parent = line:match("%) (%S) (%d+)")
      end
      if state == "Z" and parent == me then
        found[#found + 1] = entry
      end
    end
  end
  return found
end

local counter = 0
local function vm_for(dm, fields)
  counter = counter + 1
  local vm = acrn.vm { name = "run" .. counter, dm = dm, devices = { acrn.hostbridge {} } }
  for key, value in pairs(fields or {}) do
    vm[key] = value
  end
  return vm
end


spec.it("spawn, wait: the child's status as os.execute gives it", function()
  local child = assert(vm_for(stand_in_with({ exit = 3 })):spawn())
  spec.truthy(child.pid > 1, "a pid")
  spec.eq({ child:wait(10) }, { nil, "exit", 3 }, "exit status")
  child = assert(vm_for(stand_in_with({})):spawn())
  spec.eq({ child:wait(10) }, { true, "exit", 0 }, "success")
  child = assert(vm_for(stand_in_with({ crash = 1 })):spawn())
  spec.eq({ child:wait(10) }, { nil, "signal", 11 }, "a crash")
  spec.eq(zombies(), {}, "no zombies")
end)

spec.it("wait with a timeout, then stop: SIGINT is enough", function()
  local child = assert(vm_for(stand_in_with({ sleep = 30 })):spawn())
  spec.eq({ child:wait(0.2) }, { nil, "timeout" }, "still running")
  spec.eq({ child:stop(10) }, { nil, "signal", 2 }, "stopped by SIGINT")
  spec.eq(zombies(), {}, "no zombies")
end)

spec.it("stop escalates to SIGKILL after the grace period", function()
  local child = assert(vm_for(stand_in_with({ sleep = 30, ignore_int = 1 })):spawn())
  core.sleep(0.2)
  spec.eq({ child:stop(0.3) }, { nil, "signal", 9 }, "killed")
  spec.eq(zombies(), {}, "no zombies")
end)

spec.it("kill sends a signal; a closed handle leaves no zombie", function()
  local child = assert(vm_for(stand_in_with({ sleep = 30 })):spawn())
  spec.eq(child:kill(15), true, "sent")
  spec.eq({ child:wait(10) }, { nil, "signal", 15 }, "SIGTERM")
  spec.eq({ child:kill(15) }, { nil, "the child has exited" }, "after it exited")
  local running = assert(vm_for(stand_in_with({ sleep = 30 })):spawn())
  local pid = running.pid
  running:close()
  spec.eq(zombies(), {}, "no zombie after close")
  spec.eq(io.open("/proc/" .. pid .. "/stat"), nil, "the child is gone")
  do
    local dropped = assert(vm_for(stand_in_with({ sleep = 30 })):spawn())
    pid = dropped.pid
  end
  collectgarbage()
  collectgarbage()
  spec.eq(zombies(), {}, "no zombie after collection")
  spec.eq(io.open("/proc/" .. pid .. "/stat"), nil, "collected: the child is gone")
end)

spec.it("the stderr tail keeps the last 64 KiB of a flood, and never blocks", function()
  local child = assert(vm_for(stand_in_with({ flood = 1048576, stderr = "first line" })):spawn())
  spec.eq({ child:wait(30) }, { true, "exit", 0 }, "finished despite the flood")
  local tail = child:stderr()
  spec.eq(#tail, 65536, "64 KiB")
  spec.eq(tail:sub(-13), "END-OF-FLOOD\n", "the end of it")
  spec.truthy(not tail:find("first line", 1, true), "the beginning is gone")
end)

spec.it("a failed start names the path and errno and leaves no child", function()
  local child, message, errno = vm_for(launcher.dir .. "/no-such-dm"):spawn()
  spec.eq(child, nil, "no handle")
  has(message, "no-such-dm")
  has(message, "No such file or directory")
  spec.eq(errno, 2, "ENOENT")
  local text = launcher.write("not-exec", "#!/bin/sh\n", "644")
  child, message, errno = vm_for(text):spawn()
  spec.eq(child, nil, "no handle")
  spec.eq(errno, 13, "EACCES: " .. message)
  spec.eq(zombies(), {}, "no zombies")
end)

spec.it("one VM per name: a second spawn is refused while the first runs", function()
  local dm = stand_in_with({ sleep = 30 })
  local vm = vm_for(dm)
  local first = assert(vm:spawn())
  local second, message, errno = vm:spawn()
  spec.eq(second, nil, "refused")
  spec.eq(errno, 16, "EBUSY")
  has(message, "already running")
  first:stop(5)
  local third = assert(vm:spawn(), "free again once the first stopped")
  third:stop(5)
end)

-- Runs acrn-launch in the background; returns its pid file and status file.
local function background(args, env)
  counter = counter + 1
  local base = launcher.dir .. "/bg" .. counter
  local words = { "env", "-u", "LD_PRELOAD" }
  words[#words + 1] = launcher.quote("ACRN_LAUNCH_RUN_DIR=" .. run_dir)
  words[#words + 1] = launcher.quote("ACRN_DM=" .. launcher.stand_in)
  words[#words + 1] = launcher.quote("ACRN_DM_RECORD=" .. base .. ".record")
  for key, value in pairs(env or {}) do
    if value then
      words[#words + 1] = launcher.quote(key .. "=" .. value)
    end
  end
  words[#words + 1] = launcher.quote(launcher.launcher)
  for _, arg in ipairs(args) do
    words[#words + 1] = launcher.quote(arg)
  end
  os.execute("(" .. table.concat(words, " ") .. " >" .. base .. ".out 2>" .. base .. ".err"
    .. " </dev/null & echo $! > " .. base .. ".pid; wait $!; echo $? > " .. base .. ".status)"
    .. " >/dev/null 2>&1 &")
  return base
end

local function wait_file(path, seconds)
  for _ = 1, seconds * 20 do
    local file = io.open(path)
    if file then
      local text = file:read("a")
      file:close()
      if text ~= "" then
        return text
      end
    end
    core.sleep(0.05)
  end
  error("no " .. path .. " after " .. seconds .. " s")
end

local function recipe(name, extra)
  return launcher.write(name .. ".lua", 'local acrn = require "acrn"\nreturn acrn.vm { name = "'
    .. name .. '", devices = { acrn.hostbridge {} ' .. (extra or "") .. "} }\n")
end

-- Waits until VM `name` shows in `acrn-launch list`.
local function wait_listed(name)
  for _ = 1, 200 do
    if launcher.run({ "list" }).stdout:find(name, 1, true) then
      return
    end
    core.sleep(0.05)
  end
  error(name .. " never appeared in acrn-launch list")
end

spec.it("--foreground forwards SIGTERM, logs with timestamps, exits 128+N", function()
  local path = recipe("fg1")
  local base = background({ "--foreground", path }, behave({ sleep = 30, stderr = "booting" }))
  wait_listed("fg1")
  local pid = wait_file(base .. ".pid", 10):match("%d+")
  core.sleep(0.2)
  core.signal(tonumber(pid), 15)
  spec.eq(wait_file(base .. ".status", 20), "143\n", "128 + SIGTERM")
  local err = wait_file(base .. ".err", 1)
  spec.truthy(err:find("%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%dZ fg1: booting"), err)
  has(err, "acrn-dm was killed by signal 15")
  has(err, "the last of its output:")
end)

spec.it("--foreground says why acrn-dm failed", function()
  local cases = {
    { { exit = 64 }, "rejected an option value (exit 64)", "64\n" },
    { { exit = 10 }, "could not read the kernel image (exit 10)", "10\n" },
    { { exit = 11 }, "could not read the ramdisk (exit 11)", "11\n" },
    -- exit 1 is also the launcher's own: --foreground tells them apart
    { { exit = 1, stderr = "cannot open /dev/acrn_hsm" }, "failed (exit 1): see its output",
      "101\n" },
    { { crash = 1 }, "crashed (killed by SIGSEGV)", "139\n" },
  }
  for i, case in ipairs(cases) do
    local base = background({ "--foreground", recipe("why" .. i) }, behave(case[1]))
    spec.eq(wait_file(base .. ".status", 20), case[3], case[2])
    has(wait_file(base .. ".err", 1), case[2])
  end
  has(wait_file(launcher.dir .. "/bg" .. (counter - 1) .. ".err", 1), "cannot open /dev/acrn_hsm")
end)

spec.it("two launches racing for one name: exactly one wins, the other exits 4", function()
  for round = 1, 5 do
    local path = recipe("race" .. round)
    local a = background({ "--foreground", path }, behave({ sleep = 2 }))
    local b = background({ "--foreground", path }, behave({ sleep = 2 }))
    local statuses = { wait_file(a .. ".status", 20), wait_file(b .. ".status", 20) }
    table.sort(statuses)
    spec.eq(statuses, { "0\n", "4\n" }, "round " .. round)
  end
end)

spec.it("exec holds the name too: a second launch exits 4 while acrn-dm runs", function()
  local path = recipe("held")
  local base = background({ path }, behave({ sleep = 30 }))
  wait_listed("held")
  local second = launcher.run({ path })
  spec.eq(second.status, 4, second.stderr)
  has(second.stderr, "a VM named held is already running")
  spec.eq(launcher.run({ "stop", "held", "--grace", "5" }).status, 0, "stopped")
  wait_file(base .. ".status", 20)
end)

spec.it("list shows running VMs (--json too) and cleans stale entries", function()
  local path = recipe("listed")
  local base = background({ path }, behave({ sleep = 30 }))
  wait_listed("listed")
  os.execute("mkdir -p " .. launcher.quote(run_dir))
  local ghost = assert(io.open(run_dir .. "/ghost.lock", "w"))
  ghost:write('{ "name": "ghost", "pid": 1 }\n')
  ghost:close()
  local result = launcher.run({ "list" })
  spec.eq(result.status, 0, result.stderr)
  spec.truthy(result.stdout:find("^listed%s+%d+%s+%d+s%s+" .. path:gsub("%p", "%%%0")), result.stdout)
  spec.truthy(not result.stdout:find("ghost", 1, true), "the stale entry is not listed")
  spec.eq(io.open(run_dir .. "/ghost.lock"), nil, "and it was removed")
  local json = launcher.run({ "list", "--json" }).stdout
  has(json, '"name":"listed"')
  has(json, '"recipe":"' .. path .. '"')
  launcher.run({ "kill", "listed" })
  wait_file(base .. ".status", 20)
end)

spec.it("stop and kill: 0 when it stopped, 3 when no such VM runs", function()
  spec.eq(launcher.run({ "stop", "nobody" }).status, 3, "stop")
  spec.eq(launcher.run({ "kill", "nobody" }).status, 3, "kill")
  local path = recipe("stubborn")
  local base = background({ "--foreground", path }, behave({ sleep = 30, ignore_int = 1 }))
  wait_listed("stubborn")
  local result = launcher.run({ "stop", "stubborn", "--grace", "0.3" })
  spec.eq(result.status, 0, result.stderr)
  spec.eq(wait_file(base .. ".status", 20), "137\n", "SIGKILL after the grace period")
  spec.eq(launcher.run({ "stop", "stubborn" }).status, 3, "gone now")
end)

spec.it("stop keeps an exec'd VM's host steps for release", function()
  local root = launcher.fake_root()
  local path = recipe("kept", ', acrn.passthru { bdf = "00:02.0" }')
  local base = background({ "--root", root, path }, behave({ sleep = 30 }))
  wait_listed("kept")
  spec.eq(launcher.run({ "stop", "kept", "--grace", "5" }).status, 0, "stopped")
  wait_file(base .. ".status", 20)
  has(launcher.run({ "list" }).stdout, "stopped; run acrn-launch release kept")
  local released = launcher.run({ "release", "kept" })
  spec.eq(released.status, 0, released.stderr)
  has(released.stdout, "gave back 1 host step(s)")
  spec.eq(launcher.run({ "list" }).stdout, "", "nothing left")
end)

spec.it("H4: kill, like stop, keeps the record of a VM whose host steps wait", function()
  local root = launcher.fake_root()
  local path = recipe("killed", ', acrn.passthru { bdf = "00:02.0" }')
  local base = background({ "--root", root, path }, behave({ sleep = 30 }))
  wait_listed("killed")
  spec.eq(launcher.run({ "kill", "killed" }).status, 0, "killed")
  wait_file(base .. ".status", 20)
  has(launcher.run({ "list" }).stdout, "stopped; run acrn-launch release killed")
  local released = launcher.run({ "release", "killed" })
  spec.eq(released.status, 0, released.stderr)
  has(released.stdout, "gave back 1 host step(s)")
  spec.eq(assert(io.open(root .. "/sys/bus/pci/drivers/i915/bind")):read("a"), "0000:00:02.0\n",
    "the device went back to its driver")
end)

-- The first line `command` prints (its process reaped).
local function output(command)
  local pipe = io.popen(command)
  local line = pipe:read("l")
  pipe:close()
  return line
end

local root_user = output("id -u") == "0"

-- Runs `command` (sh) as nobody; true when it succeeded.
local function as_nobody(command)
  return os.execute(launcher.plain .. "setpriv --reuid=65534 --regid=65534 --clear-groups sh -c "
    .. launcher.quote(command) .. " >/dev/null 2>&1")
end

local function mode(path)
  return output("stat -c %a " .. launcher.quote(path))
end

spec.it("H5, L6: the run directory and its files are root's alone", function()
  if not root_user then
    io.stderr:write("skipped: about root's run directory\n")
    return
  end
  local path = recipe("h5")
  local base = background({ path }, behave({ sleep = 30 }))
  wait_listed("h5")
  spec.eq(mode(run_dir), "700", "the run directory")
  spec.eq(mode(run_dir .. "/h5.lock"), "600", "the lock")
  spec.eq(mode(run_dir .. "/h5.record"), "600", "the record")
  -- another user can neither hold the name nor read what runs
  spec.truthy(not as_nobody("flock -n " .. launcher.quote(run_dir .. "/h5.lock") .. " true"),
    "nobody cannot flock the lock")
  spec.truthy(not as_nobody("cat " .. launcher.quote(run_dir .. "/h5.record")),
    "nobody cannot read the record")
  spec.eq(launcher.run({ "stop", "h5", "--grace", "5" }).status, 0, "stopped")
  wait_file(base .. ".status", 20)
  spec.eq(launcher.run({ "-n", path }).status, 0, "and the name is free again")
  -- a run directory left open to others is closed; someone else's, or a
  -- link, is refused
  os.execute("chmod 755 " .. launcher.quote(run_dir))
  spec.eq(launcher.run({ path }).status, 0, "launched")
  spec.eq(mode(run_dir), "700", "closed again")
  local other = launcher.dir .. "/h5-run"
  os.execute("mkdir -m 700 " .. launcher.quote(other) .. " && chown 65534 " .. launcher.quote(other))
  local result = launcher.run({ path }, { env = { ACRN_LAUNCH_RUN_DIR = other } })
  spec.eq(result.status, 1, result.stderr)
  spec.eq(result.argv, nil, "nothing ran")
  has(result.stderr, "the run directory " .. other .. " is owned by uid 65534")
  os.execute("ln -s " .. launcher.quote(run_dir) .. " " .. launcher.quote(other .. "-link"))
  result = launcher.run({ path }, { env = { ACRN_LAUNCH_RUN_DIR = other .. "-link" } })
  spec.eq(result.status, 1, result.stderr)
  has(result.stderr, "not a directory (or a symbolic link)")
  -- a record nobody else could have written is believed; another's is not
  local planted = launcher.dir .. "/h5-planted"
  os.execute("mkdir -m 700 " .. launcher.quote(planted))
  assert(core.record_write(planted, { name = "p", pid = 1, start_time = 1, program = "/x",
    argv = {}, steps = { { step = "offline-cpu", object = "3", state = "done", undo = "online" } } }))
  os.execute("chown 65534 " .. launcher.quote(planted .. "/p.record"))
  result = launcher.run({ "release", "p" }, { env = { ACRN_LAUNCH_RUN_DIR = planted } })
  spec.eq(result.status, 1, result.stderr)
  has(result.stderr, "is owned by uid 65534, not by this user: not a record to believe")
end)

spec.it("a record whose process is not the one that started then is never signalled", function()
  os.execute("mkdir -p " .. launcher.quote(run_dir))
  -- someone else's process, and a lock that looks held: what a reused pid
  -- and a stale record look like
  local pid_file = launcher.dir .. "/other.pid"
  os.execute("sleep 30 >/dev/null 2>&1 & echo $! > " .. launcher.quote(pid_file))
  local other = tonumber(wait_file(pid_file, 5):match("%d+"))
  os.execute("flock " .. launcher.quote(run_dir .. "/impostor.lock") .. " sleep 30 "
    .. ">/dev/null 2>&1 &")
  local start = core.process_start(other)
  assert(core.record_write(run_dir, { name = "impostor", pid = other, start_time = start + 1,
    program = "/usr/bin/acrn-dm", argv = { "impostor" }, steps = {} }))
  core.sleep(0.2)
  local stop = launcher.run({ "stop", "impostor", "--grace", "0.2" })
  spec.eq(stop.status, 3, stop.stderr)
  has(stop.stderr, "no VM named impostor is running")
  spec.eq(core.process_start(other), start, "the other process lives on, unsignalled")
  spec.eq(launcher.run({ "kill", "impostor" }).status, 3, "kill refuses too")
  spec.eq(core.process_start(other), start, "still")
  core.signal(other, 9)
end)

spec.it("names are checked in every subcommand", function()
  for _, command in ipairs({ "stop", "kill", "console", "release" }) do
    for _, name in ipairs({ "../x", "-x", "a/b", ".hidden", "" }) do
      local result = launcher.run({ command, "--", name })
      spec.eq(result.status, 2, command .. " " .. name .. ": " .. result.stderr)
      has(result.stderr, "is not a VM name")
    end
  end
  local result = launcher.run({ "blkrescan", "../../etc", "1", "/x.img" })
  spec.eq(result.status, 2, result.stderr)
  -- L2: a record beside the run directory, which "../x" would name, with a
  -- step whose undo would write to the host: never read
  local root = launcher.fake_root()
  local online = root .. "/sys/devices/system/cpu/cpu3/online"
  os.execute("mkdir -p " .. launcher.quote(run_dir))
  assert(core.record_write(run_dir .. "/..", { name = "x", pid = 1, start_time = 1,
    program = "/x", argv = {}, root = root,
    steps = { { step = "offline-cpu", object = "3", state = "done", undo = "online" } } }))
  os.execute("printf 0 > " .. launcher.quote(online))
  result = launcher.run({ "release", "../x" })
  spec.eq(result.status, 2, result.stderr)
  spec.eq(assert(io.open(online)):read("a"), "0", "no undo step ran")
  os.remove(run_dir .. "/../x.record")
end)

spec.it("blkrescan puts a disk into a placeholder once, through acrnctl", function()
  local acrnctl = launcher.source .. "/tests/stand-in/acrnctl"
  local ctl_record = launcher.dir .. "/acrnctl.record"
  local path = launcher.write("disks.lua", 'local acrn = require "acrn"\nreturn acrn.vm { '
    .. 'name = "disks", layout = "kata", devices = { acrn.hostbridge {}, acrn.lpc {},\n'
    .. "  acrn.virtio_blk { nodisk = true, drive = 1 }, acrn.virtio_blk { nodisk = true, drive = 2 } } }\n")
  local base = background({ path }, behave({ sleep = 30 }))
  wait_listed("disks")
  local env = { ACRNCTL_RECORD = ctl_record }
  local result = launcher.run({ "blkrescan", "disks", "2", "/images/c1.img", "--acrnctl", acrnctl },
    { env = env })
  spec.eq(result.status, 0, result.stderr)
  spec.eq(launcher.lines(assert(io.open(ctl_record)):read("a")),
    { "blkrescan", "disks", "4,/images/c1.img" }, "acrnctl's arguments: drive 2 is in slot 4")
  has(result.stdout, "blkrescan disks: 4,/images/c1.img done")
  result = launcher.run({ "blkrescan", "disks", "2", "/images/c2.img", "--acrnctl", acrnctl },
    { env = env })
  spec.eq(result.status, 1, "refilling is refused")
  has(result.stderr, "already holds /images/c1.img")
  result = launcher.run({ "blkrescan", "disks", "9", "/images/c3.img", "--acrnctl", acrnctl },
    { env = env })
  has(result.stderr, "has no drive with index 9")
  env.ACRNCTL_EXIT = "5"
  result = launcher.run({ "blkrescan", "disks", "1", "/images/c4.img", "--acrnctl", acrnctl },
    { env = env })
  spec.eq(result.status, 1, "acrnctl's failure is not swallowed")
  has(result.stderr, "failed (exit 5): acrnctl: blkrescan failed")
  spec.eq(launcher.run({ "blkrescan", "nobody", "1", "/x", "--acrnctl", acrnctl }).status, 3,
    "no such VM")
  launcher.run({ "kill", "disks" })
  wait_file(base .. ".status", 20)
end)

spec.it("console attaches a real terminal to the VM's socket port until Ctrl-]", function()
  local socket_path = launcher.dir .. "/console.sock"
  local received = launcher.dir .. "/received.txt"
  local path = recipe("cons", ", acrn.virtio_console { ports = { { backend = 'socket', "
    .. "name = 'c0', path = '" .. socket_path .. "', console = true } } } ")
  local base = background({ "--foreground", path }, behave({ socket = socket_path,
    greeting = "hello from the vm", received = received, sleep = 30 }))
  wait_listed("cons")
  for _ = 1, 100 do
    if io.open(socket_path) then
      break
    end
    core.sleep(0.05)
  end
  local tmux_socket = launcher.dir .. "/tmux.sock"
  local function tmux(args)
    return os.execute(launcher.plain .. "tmux -S " .. launcher.quote(tmux_socket) .. " " .. args
      .. " >/dev/null 2>&1")
  end
  local command = "env ACRN_LAUNCH_RUN_DIR=" .. launcher.quote(run_dir) .. " "
    .. launcher.quote(launcher.launcher)
    .. " console cons; echo console-exit=$?; sleep 30"
  assert(tmux("new-session -d -s c -x 120 -y 20 " .. launcher.quote(launcher.plain .. command)))
  local function screen()
    local pipe = io.popen(launcher.plain .. "tmux -S " .. launcher.quote(tmux_socket)
      .. " capture-pane -p -t c")
    local text = pipe:read("a")
    pipe:close()
    return text
  end
  local function wait_screen(text)
    for _ = 1, 200 do
      if screen():find(text, 1, true) then
        return
      end
      core.sleep(0.05)
    end
    error("never shown: " .. text .. "\n" .. screen())
  end
  wait_screen("hello from the vm")
  tmux("send-keys -t c 'typed by the user' Enter")
  for _ = 1, 200 do
    local file = io.open(received)
    if file and file:read("a"):find("typed by the user", 1, true) then
      break
    end
    core.sleep(0.05)
  end
  has(assert(io.open(received)):read("a"), "typed by the user")
  tmux("send-keys -t c C-]")
  wait_screen("console-exit=0")
  tmux("kill-server")
  launcher.run({ "kill", "cons" })
  wait_file(base .. ".status", 20)
end)

spec.it("L5: console attaches only to a terminal or socket the VM's acrn-dm holds", function()
  -- a tty port whose path is a regular file: keystrokes must not go there
  local file = launcher.write("l5-file", "kept\n")
  local path = recipe("l5tty", ", acrn.virtio_console { ports = { { backend = 'tty', "
    .. "name = 't0', path = '" .. file .. "', console = true } } } ")
  local base = background({ path }, behave({ sleep = 30 }))
  wait_listed("l5tty")
  local result = launcher.run({ "console", "l5tty" })
  spec.eq(result.status, 1, result.stderr)
  has(result.stderr, "VM l5tty: the console " .. file .. " is not a terminal device")
  spec.eq(assert(io.open(file)):read("a"), "kept\n", "the file is untouched")
  launcher.run({ "kill", "l5tty" })
  wait_file(base .. ".status", 20)
  -- a socket that another program serves, not the VM
  local socket_path = launcher.dir .. "/l5.sock"
  os.execute("(timeout 30 nc -lU " .. launcher.quote(socket_path) .. " >/dev/null </dev/null &)")
  for _ = 1, 100 do
    if io.open(socket_path) then
      break
    end
    core.sleep(0.05)
  end
  path = recipe("l5sock", ", acrn.virtio_console { ports = { { backend = 'socket', "
    .. "name = 'c0', path = '" .. socket_path .. "', console = true } } } ")
  base = background({ path }, behave({ sleep = 30 }))
  wait_listed("l5sock")
  result = launcher.run({ "console", "l5sock" })
  spec.eq(result.status, 1, result.stderr)
  has(result.stderr, "VM l5sock: the console " .. socket_path
    .. " is not held by the VM's acrn-dm")
  launcher.run({ "kill", "l5sock" })
  wait_file(base .. ".status", 20)
  os.remove(socket_path)
end)

spec.it("console refuses stdio and file ports, and VMs that do not run", function()
  local path = recipe("filecons", ", acrn.virtio_console { ports = { { backend = 'file', "
    .. "path = '/tmp/x.log' } } } ")
  local base = background({ path }, behave({ sleep = 30 }))
  wait_listed("filecons")
  local result = launcher.run({ "console", "filecons" })
  spec.eq(result.status, 1, "refused")
  has(result.stderr, "console is on file, which cannot be attached to")
  spec.eq(launcher.run({ "console", "nobody" }).status, 3, "not running")
  launcher.run({ "kill", "filecons" })
  wait_file(base .. ".status", 20)
end)

spec.eq(zombies(), {}, "no zombies at the end")
-- whatever a failed case left running: processes whose arguments name our
-- directory (read from /proc here: a pkill under the sanitizer's preload
-- can hang)
for _, entry in ipairs(core.list_dir("/proc")) do
  local file = entry:match("^%d+$") and io.open("/proc/" .. entry .. "/cmdline")
  if file then
    local command = file:read("a") or ""
    file:close()
    if command:find(launcher.dir, 1, true) then
      core.signal(tonumber(entry), 9)
    end
  end
end
spec.done()
