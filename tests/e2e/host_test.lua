-- SPDX-License-Identifier: Apache-2.0
-- Preparing the host: passthrough binding and rollback on a fake sysfs
-- tree, CPUs taken offline (one that takes several tries, one that
-- refuses), taps created, reused and deleted in a network namespace,
-- release, -c's preconditions, and dry runs that touch nothing.
local spec = require "spec"
local launcher = require "launcher"

local has = spec.has

local function read(path)
  local file = io.open(path)
  if not file then
    return nil
  end
  local text = file:read("a")
  file:close()
  return text
end

-- Every file of a tree with its contents (and links with their targets).
local function snapshot(root)
  local pipe = assert(io.popen("cd " .. launcher.quote(root) .. " && find . -type f -o -type l"
    .. " | sort | while read -r f; do if [ -L \"$f\" ]; then echo \"$f -> $(readlink \"$f\")\";"
    .. " else echo \"$f: $(cat \"$f\")\"; fi; done"))
  local text = pipe:read("a")
  pipe:close()
  return text
end

local PCI = "/sys/bus/pci"

local function recipe(name, devices, fields)
  return launcher.write(name .. ".lua", 'local acrn = require "acrn"\nreturn acrn.vm { name = "'
    .. name .. '", ' .. (fields or "") .. "devices = { acrn.hostbridge {}, " .. devices .. " } }\n")
end

spec.it("passthrough devices are bound to pci-stub before acrn-dm runs", function()
  local root = launcher.fake_root()
  local path = recipe("pt1", 'acrn.passthru { bdf = "00:02.0" }')
  local result = launcher.run({ "--root", root, path })
  spec.eq(result.status, 0, result.stderr)
  spec.truthy(result.argv, "acrn-dm ran")
  spec.eq(read(root .. PCI .. "/drivers/pci-stub/new_id"), "8086 9bc4\n", "new_id")
  spec.eq(read(root .. PCI .. "/drivers/i915/unbind"), "0000:00:02.0\n", "unbound from i915")
  spec.eq(read(root .. PCI .. "/drivers/pci-stub/bind"), "0000:00:02.0\n", "bound to pci-stub")
  has(result.stderr, "prepared the host: bind-pci-stub 0000:00:02.0")
  -- release gives it back once acrn-dm has gone
  local list = launcher.run({ "list" }).stdout
  has(list, "stopped; run acrn-launch release pt1")
  local released = launcher.run({ "release", "pt1" })
  spec.eq(released.status, 0, released.stderr)
  spec.eq(read(root .. PCI .. "/drivers/pci-stub/unbind"), "0000:00:02.0\n", "off pci-stub")
  spec.eq(read(root .. PCI .. "/drivers/i915/bind"), "0000:00:02.0\n", "back to i915")
  spec.eq(read(root .. PCI .. "/drivers/pci-stub/remove_id"), "8086 9bc4\n",
    "the ids it gave pci-stub are taken back (M7)")
  spec.eq(launcher.run({ "release", "pt1" }).status, 3, "nothing left to release")
  spec.eq(launcher.run({ "list" }).stdout, "", "and the entry is gone")
end)

spec.it("a device already on pci-stub is left as it is", function()
  local root = launcher.fake_root()
  os.execute("ln -sfn ../../drivers/pci-stub " .. launcher.quote(root .. PCI
    .. "/devices/0000:00:02.0/driver"))
  local before = snapshot(root)
  local result = launcher.run({ "--root", root, recipe("pt2", 'acrn.passthru { bdf = "00:02.0" }') })
  spec.eq(result.status, 0, result.stderr)
  spec.eq(snapshot(root), before, "nothing written")
end)

spec.it("a failure halfway undoes what was done and runs nothing", function()
  local root = launcher.fake_root()
  os.remove(root .. PCI .. "/devices/0000:02:00.0/vendor")
  local path = recipe("pt3", 'acrn.passthru { bdf = "00:02.0" }, acrn.passthru { bdf = "02:00.0" }')
  local result = launcher.run({ "--root", root, path })
  spec.eq(result.status, 1, "refused")
  spec.eq(result.argv, nil, "acrn-dm never ran")
  has(result.stderr, "bind-pci-stub 0000:02:00.0: cannot read " .. root .. PCI
    .. "/devices/0000:02:00.0/vendor: No such file or directory")
  spec.eq(read(root .. PCI .. "/drivers/i915/bind"), "0000:00:02.0\n",
    "the first device went back to i915")
  spec.eq(read(root .. PCI .. "/drivers/pci-stub/unbind"), "0000:00:02.0\n", "off pci-stub")
  spec.eq(launcher.run({ "list" }).stdout, "", "no lock left behind")
end)

spec.it("M7: a rollback that fails is reported, exits non-zero and is kept for release", function()
  local root = launcher.fake_root()
  local bind = root .. PCI .. "/drivers/i915/bind"
  -- while acrn-dm runs, i915's bind stops being a file that can be written
  local result = launcher.run({ "--foreground", "--root", root,
    recipe("m7", 'acrn.passthru { bdf = "00:02.0" }') },
    { env = { ACRN_DM_PROBE = "rm " .. launcher.quote(bind) .. " && mkdir "
      .. launcher.quote(bind) } })
  spec.eq(result.status, 1, result.stderr)
  has(result.stderr, "could not give the host back: bind-pci-stub 0000:00:02.0: cannot give it "
    .. "back through " .. bind)
  has(launcher.run({ "list" }).stdout, "stopped; run acrn-launch release m7")
  spec.eq(launcher.run({ "release", "m7" }).status, 1, "release fails while it cannot")
  os.execute("rmdir " .. launcher.quote(bind) .. " && touch " .. launcher.quote(bind))
  local released = launcher.run({ "release", "m7" })
  spec.eq(released.status, 0, released.stderr)
  spec.eq(read(bind), "0000:00:02.0\n", "back to i915 at last")
  spec.eq(read(root .. PCI .. "/drivers/pci-stub/remove_id"), "8086 9bc4\n", "ids removed")
  spec.eq(launcher.run({ "list" }).stdout, "", "nothing left")
end)

spec.it("dry runs, --json and --explain show the steps and touch nothing", function()
  local root = launcher.fake_root()
  local before = snapshot(root)
  local path = recipe("dry", 'acrn.passthru { bdf = "02:00.0" }',
    "rtvm = true, cpu_affinity = { cpus = { 2, 3 } }, ")
  local dry = launcher.run({ "-n", "--root", root, path })
  spec.eq(dry.status, 0, dry.stderr)
  has(dry.stderr, "would prepare the host: offline-cpu 2")
  has(dry.stderr, "would prepare the host: offline-cpu 3")
  has(dry.stderr, "would prepare the host: bind-pci-stub 0000:02:00.0")
  has(launcher.run({ "--explain", "--root", root, path }).stdout, "host: offline-cpu 2:")
  has(launcher.run({ "--json", "--root", root, path }).stdout, '"step":"bind-pci-stub"')
  spec.eq(launcher.run({ "-c", "--root", root, path }).status, 0, "-c passes")
  spec.eq(snapshot(root), before, "the tree is as it was")
end)

spec.it("-c checks the steps' preconditions", function()
  local root = launcher.fake_root()
  local missing = launcher.run({ "-c", "--root", root,
    recipe("c1", 'acrn.passthru { bdf = "05:00.0" }') })
  spec.eq(missing.status, 1, "no such device")
  has(missing.stderr, "bind-pci-stub 0000:05:00.0: no such device:")
  local zero = launcher.run({ "-c", "--root", root,
    recipe("c2", "", "rtvm = true, cpu_affinity = { cpus = { 0 } }, ") })
  has(zero.stderr, "CPU 0 stays with the Service VM")
  launcher.write("host-offline", "0\n")
  os.execute("cp " .. launcher.quote(launcher.dir .. "/host-offline") .. " "
    .. launcher.quote(root .. "/sys/devices/system/cpu/cpu3/online"))
  local offline = launcher.run({ "-c", "--root", root,
    recipe("c3", "", "rtvm = true, cpu_affinity = { cpus = { 3 } }, ") })
  has(offline.stderr, "offline-cpu 3: the CPU is not online")
  local bridge = launcher.run({ "-c",
    recipe("c4", 'acrn.virtio_net { tap = "tapc4", create = true, bridge = "nobr0" }') })
  has(bridge.stderr, "create-tap tapc4: the bridge nobr0 does not exist")
end)

spec.it("H3: under --root, links that stay inside work, and none leads out", function()
  -- root's file that a link in a user's tree would reach
  local victim = launcher.write("h3-victim", "root:$6$secret:19000:0:99999:7:::\n")
  local function victim_kept()
    spec.eq(read(victim), "root:$6$secret:19000:0:99999:7:::\n", "the file outside is untouched")
  end
  local path = recipe("h3", 'acrn.passthru { bdf = "00:02.0" }')
  local ways = {
    absolute = victim,
    relative = ("../"):rep(12) .. victim:gsub("^/", ""),
  }
  for how, target in pairs(ways) do
    local root = launcher.fake_root()
    local new_id = root .. PCI .. "/drivers/pci-stub/new_id"
    os.remove(new_id)
    os.execute("ln -s " .. launcher.quote(target) .. " " .. launcher.quote(new_id))
    local result = launcher.run({ "--root", root, path })
    spec.eq(result.status, 1, how .. ": " .. result.stderr)
    spec.eq(result.argv, nil, how .. ": acrn-dm never ran")
    has(result.stderr, "bind-pci-stub 0000:00:02.0: cannot write the ids to " .. new_id
      .. ": a link there leads out of the root")
    victim_kept()
    spec.eq(read(root .. PCI .. "/drivers/i915/unbind"), "", "never unbound from its driver")
  end
  -- a hard link to a file elsewhere is no file of the tree's
  local root = launcher.fake_root()
  local new_id = root .. PCI .. "/drivers/pci-stub/new_id"
  os.remove(new_id)
  os.execute("ln " .. launcher.quote(victim) .. " " .. launcher.quote(new_id))
  local result = launcher.run({ "--root", root, path })
  spec.eq(result.status, 1, result.stderr)
  has(result.stderr, "it is a hard link to a file elsewhere")
  victim_kept()
  -- a read error shows no byte of what it read
  root = launcher.fake_root()
  local online = root .. "/sys/devices/system/cpu/cpu2/online"
  os.remove(online)
  os.execute("ln -s " .. launcher.quote(victim) .. " " .. launcher.quote(online))
  local rt = recipe("h3rt", "", "rtvm = true, cpu_affinity = { cpus = { 2 } }, ")
  result = launcher.run({ "-c", "--root", root, rt })
  spec.eq(result.status, 1, result.stderr)
  has(result.stderr, "cannot read " .. online .. ": a link there leads out of the root")
  spec.truthy(not result.stderr:find("secret", 1, true), "no byte of the file shown")
  os.remove(online)
  launcher.write("h3-garbage", "root:$6$secret\n")
  os.execute("cp " .. launcher.quote(launcher.dir .. "/h3-garbage") .. " " .. launcher.quote(online))
  result = launcher.run({ "-c", "--root", root, rt })
  has(result.stderr, "the CPU is not online (" .. online .. " says something other than 0 or 1)")
  spec.truthy(not result.stderr:find("secret", 1, true), "no byte of the file shown")
  -- links that stay inside the root keep working, as sysfs is full of them
  root = launcher.fake_root()
  local cpu = root .. "/sys/devices/system/cpu"
  os.execute("mkdir " .. launcher.quote(cpu .. "/real2") .. " && mv " .. launcher.quote(cpu
    .. "/cpu2/online") .. " " .. launcher.quote(cpu .. "/real2/online") .. " && ln -s "
    .. "../real2/online " .. launcher.quote(cpu .. "/cpu2/online"))
  result = launcher.run({ "--root", root, recipe("h3in", 'acrn.passthru { bdf = "02:00.0" }',
    "rtvm = true, cpu_affinity = { cpus = { 2 } }, ") })
  spec.eq(result.status, 0, result.stderr)
  spec.eq(read(cpu .. "/real2/online"), "0\n", "offline through a link inside the root")
  spec.eq(read(root .. PCI .. "/drivers/pci-stub/bind"), "0000:02:00.0\n",
    "bound through the device's driver link")
  spec.eq(launcher.run({ "release", "h3in" }).status, 0, "released")
  spec.eq(read(cpu .. "/real2/online"), "1\n", "back online")
end)

spec.it("M2: a million and a half raw arguments are refused by exec, and the host given back", function()
  local root = launcher.fake_root()
  local path = launcher.write("m2.lua", 'local acrn = require "acrn"\nlocal raw = {}\n'
    .. 'for i = 1, 1500000 do raw[i] = "-x" end\n'
    .. 'return acrn.vm { name = "m2", raw = raw, devices = { acrn.hostbridge {}, '
    .. 'acrn.passthru { bdf = "00:02.0" } } }\n')
  local result = launcher.run({ "--root", root, path })
  spec.eq(result.status, 126, "exec refused it; no crash")
  spec.truthy(result.stderr:find("cannot execute " .. launcher.stand_in
    .. ": Argument list too long", 1, true), "why")
  spec.eq(result.argv, nil, "acrn-dm never ran")
  spec.eq(read(root .. PCI .. "/drivers/i915/bind"), "0000:00:02.0\n", "given back to i915")
  spec.eq(launcher.run({ "list" }).stdout, "", "nothing left to release")
end)

spec.it("L7: with --root, tap steps are refused: they would act on this host's network", function()
  local root = launcher.fake_root()
  local path = recipe("l7", 'acrn.virtio_net { tap = "tapl7", create = true }')
  for _, args in ipairs({ { "-c", "--root", root, path }, { "--root", root, path } }) do
    local result = launcher.run(args)
    spec.eq(result.status, 1, result.stderr)
    spec.eq(result.argv, nil, "acrn-dm never ran")
    has(result.stderr, "create-tap tapl7: taps are made in this host's network, which --root "
      .. root .. " does not stand for")
  end
  spec.truthy(not os.execute("ip link show tapl7 >/dev/null 2>&1"), "no tap was made")
end)

spec.it("-c checks what acrn-dm needs when its devices start", function()
  local dir = launcher.dir
  local function check(devices, fields)
    local path = recipe("dev" .. tostring(#devices), devices, fields)
    return launcher.run({ "-c", path })
  end
  -- a console socket's directory: acrn-dm binds the socket, it makes no directory
  local socket = check('acrn.virtio_console { ports = { { backend = "socket", name = "c0", '
    .. 'path = "' .. dir .. '/no-such-dir/c0.sock" } } }')
  spec.eq(socket.status, 1, socket.stderr)
  has(socket.stderr, ".lua:2: device #2 (virtio-console): ports[1]: path")
  has(socket.stderr, "cannot be made: its directory " .. dir .. "/no-such-dir")
  local ok = check('acrn.virtio_console { ports = { { backend = "socket", name = "c0", '
    .. 'path = "' .. dir .. '/c0.sock" } } }')
  spec.eq(ok.status, 0, ok.stderr)
  -- a tty backend that is no terminal
  launcher.write("not-a-tty", "x")
  local tty = check('acrn.virtio_console { ports = { { backend = "tty", name = "t0", '
    .. 'path = "' .. dir .. '/not-a-tty" } } }')
  spec.eq(tty.status, 1, tty.stderr)
  has(tty.stderr, "is not a terminal device")
  local com = check('acrn.lpc { com2 = "' .. dir .. '/not-a-tty" }')
  has(com.stderr, "com2")
  has(com.stderr, "is not a terminal device")
  -- ... unless acrn-dm makes it: the pty of pm_by_vuart
  local made = check('acrn.lpc { com2 = "' .. dir .. '/life_mngr" }',
    'target = "2.7", pm_by_vuart = "pty,' .. dir .. '/life_mngr", ')
  spec.eq(made.status, 0, made.stderr)
  -- an input event device that is not there, or not a device
  local input = check('acrn.virtio_input { path = "' .. dir .. '/event9" }')
  spec.eq(input.status, 1, input.stderr)
  has(input.stderr, "path \"" .. dir .. "/event9\" cannot be read")
  input = check('acrn.virtio_input { path = "' .. dir .. '/not-a-tty" }')
  has(input.stderr, "is not an input event device")
  -- the line of the field named, also for a VM field
  local kernel = launcher.run({ "-c", launcher.write("kernel.lua", 'local acrn = require "acrn"\n'
    .. 'return acrn.vm {\n  name = "k",\n  kernel = "' .. dir .. '/no-kernel",\n'
    .. "  devices = { acrn.hostbridge {} },\n}\n") })
  spec.eq(kernel.status, 1, kernel.stderr)
  has(kernel.stderr, dir .. "/kernel.lua:4: kernel")
end)

-- Keeps writing 1 into a CPU's online file for `seconds` (in place, never
-- leaving it empty), like a CPU that is slow to go offline.
local function stubborn_cpu(root, cpu, seconds)
  local online = root .. "/sys/devices/system/cpu/cpu" .. cpu .. "/online"
  os.execute("(end=$(($(date +%s%N) + " .. math.floor(seconds * 1e9) .. ")); while [ $(date +%s%N)"
    .. " -lt $end ]; do printf 1 1<> " .. launcher.quote(online) .. "; done) >/dev/null 2>&1 &")
end

spec.it("CPUs go offline and to the hypervisor; a slow one is retried", function()
  local root = launcher.fake_root()
  stubborn_cpu(root, 2, 0.3)
  local path = recipe("rt1", "", "rtvm = true, cpu_affinity = { cpus = { 2, 3 } }, ")
  local result = launcher.run({ "--root", root, path })
  spec.eq(result.status, 0, result.stderr)
  os.execute("sleep 0.4")
  spec.eq(read(root .. "/sys/devices/system/cpu/cpu3/online"), "0\n", "cpu3 offline")
  spec.eq(read(root .. "/sys/devices/virtual/misc/acrn_hsm/remove_cpu"), "3\n",
    "handed to the hypervisor, the last one being cpu3")
  spec.eq(launcher.run({ "release", "rt1" }).status, 0, "released")
  spec.eq(read(root .. "/sys/devices/system/cpu/cpu3/online"), "1\n", "cpu3 back online")
end)

spec.it("a CPU that refuses to go offline stops the launch, and the others come back", function()
  local root = launcher.fake_root()
  -- its online file cannot be written: what the kernel does for a CPU it
  -- will not let go of
  local online = root .. "/sys/devices/system/cpu/cpu3/online"
  os.execute("rm " .. launcher.quote(online) .. " && mkdir " .. launcher.quote(online))
  os.execute("echo 1 > " .. launcher.quote(online .. "/x"))
  local path = recipe("rt2", "", "rtvm = true, cpu_affinity = { cpus = { 2, 3 } }, ")
  local result = launcher.run({ "--root", root, path })
  spec.eq(result.status, 1, "refused")
  spec.eq(result.argv, nil, "acrn-dm never ran")
  has(result.stderr, "offline-cpu 3: cannot read " .. online .. ": Is a directory")
  spec.eq(read(root .. "/sys/devices/system/cpu/cpu2/online"), "1\n", "cpu2 back online")
end)

-- A /proc/cpuinfo whose CPU numbers and LAPIC ids are in another order, as
-- the Service VM may number them: { [cpu] = lapic_id }.
local function write_cpuinfo(root, cpus)
  local lines = {}
  for cpu = 0, 3 do
    if cpus[cpu] then
      lines[#lines + 1] = string.format("processor\t: %d\napicid\t\t: %d\n", cpu, cpus[cpu])
    end
  end
  local file = assert(io.open(root .. "/proc/cpuinfo", "w"))
  file:write(table.concat(lines, "\n"))
  file:close()
end

spec.it("an RT VM's LAPIC ids are mapped to CPU numbers, also when offline", function()
  local root = launcher.fake_root()
  write_cpuinfo(root, { [0] = 0, [1] = 4, [2] = 2, [3] = 6 })
  local path = recipe("rt3", "", "rtvm = true, cpu_affinity = { lapic_ids = { 2 } }, ")
  local result = launcher.run({ "--root", root, path })
  spec.eq(result.status, 0, result.stderr)
  spec.eq(read(root .. "/sys/devices/system/cpu/cpu2/online"), "0\n", "CPU 2 (LAPIC 2) offline")
  spec.eq(read(root .. "/sys/devices/system/cpu/cpu1/online"), "1\n", "not CPU 1")
  spec.eq(read(root .. "/sys/devices/virtual/misc/acrn_hsm/remove_cpu"), "2\n", "handed over")
  -- the kernel lists online CPUs only: CPU 2 is gone from cpuinfo now, and
  -- the relaunch (without a release) maps it through what was written down
  write_cpuinfo(root, { [0] = 0, [1] = 4, [3] = 6 })
  local again = launcher.run({ "--root", root,
    recipe("rt3", "", "rtvm = true, cpu_affinity = { cpus = { 2 } }, ") })
  spec.eq(again.status, 0, again.stderr)
  spec.eq({ table.unpack(again.argv, #again.argv - 3, #again.argv - 2) },
    { "--cpu_affinity", "2" }, "its LAPIC id, from the record")
  spec.truthy(not again.stderr:find("prepared the host", 1, true), "nothing done twice")
  spec.eq(launcher.run({ "release", "rt3" }).status, 0, "released")
  spec.eq(read(root .. "/sys/devices/system/cpu/cpu2/online"), "1\n", "CPU 2 back online")
end)

-- Input devices as sysfs lists them: /sys/class/input/eventN links to the
-- device's node, whose device/ holds name and phys.  { [N] = { name, phys } }
local function write_inputs(root, inputs)
  for event, input in pairs(inputs) do
    local node = string.format("%s/sys/devices/platform/i8042/serio%d/input/input%d", root,
      event, event)
    local device = node .. "/event" .. event
    assert(os.execute("mkdir -p " .. launcher.quote(device) .. " " .. launcher.quote(root
      .. "/sys/class/input") .. " && ln -s ../../input" .. event .. " "
      .. launcher.quote(device .. "/device") .. " && ln -s "
      .. launcher.quote("../../devices/platform/i8042/serio" .. event .. "/input/input" .. event
        .. "/event" .. event) .. " " .. launcher.quote(root .. "/sys/class/input/event" .. event)))
    for name, text in pairs({ name = input[1], phys = input[2] }) do
      local file = assert(io.open(node .. "/" .. name, "w"))
      file:write(text, "\n")
      file:close()
    end
  end
end

spec.it("a virtio-input named in the recipe is found at launch by name and phys", function()
  local root = launcher.fake_root()
  write_inputs(root, { [3] = { "AT Translated Set 2 keyboard", "isa0060/serio0/input0" },
    [5] = { "Logitech USB Receiver", "usb-0000:00:14.0-1/input0" },
    [6] = { "Logitech USB Receiver", "usb-0000:00:14.0-1/input1" } })
  local path = recipe("kbd", 'acrn.virtio_input { name = "AT Translated Set 2 keyboard", '
    .. 'serial = "kbd" }, acrn.virtio_input { name = "Logitech USB Receiver", '
    .. 'phys = "usb-0000:00:14.0-1/input1", slot = 7 }', "target = \"3.3\", ")
  local dry = launcher.run({ "--root", root, "-n", path })
  spec.eq(dry.status, 0, dry.stderr)
  has(dry.stdout, "-s 3,virtio-input,/dev/input/event3,kbd")
  has(dry.stdout, "-s 7,virtio-input,/dev/input/event6")
  -- the same recipe on a host that numbered them otherwise this boot
  os.execute("rm -rf " .. launcher.quote(root .. "/sys/class/input") .. " "
    .. launcher.quote(root .. "/sys/devices/platform/i8042"))
  write_inputs(root, { [1] = { "AT Translated Set 2 keyboard", "isa0060/serio0/input0" },
    [4] = { "Logitech USB Receiver", "usb-0000:00:14.0-1/input1" } })
  dry = launcher.run({ "--root", root, "-n", path })
  spec.eq(dry.status, 0, dry.stderr)
  has(dry.stdout, "-s 3,virtio-input,/dev/input/event1,kbd")
  has(dry.stdout, "-s 7,virtio-input,/dev/input/event4")
  -- two of that name and no phys, or none at all: refused at the line
  local twice = recipe("two", 'acrn.virtio_input { name = "Logitech USB Receiver" }',
    "target = \"3.3\", ")
  write_inputs(root, { [8] = { "Logitech USB Receiver", "usb-0000:00:14.0-2/input0" } })
  local result = launcher.run({ "--root", root, twice })
  spec.eq(result.status, 1, "refused")
  spec.eq(result.argv, nil, "acrn-dm never ran")
  has(result.stderr, "two.lua:2: device #2 (virtio-input): 2 input devices are named "
    .. "\"Logitech USB Receiver\" in " .. root .. "/sys/class/input: give phys to tell them apart")
  local none = recipe("none", 'acrn.virtio_input { name = "Gamepad" }', "target = \"3.3\", ")
  result = launcher.run({ "--root", root, none })
  spec.eq(result.status, 1, "refused")
  has(result.stderr, "no input device is named \"Gamepad\" in " .. root .. "/sys/class/input")
end)

spec.it("a host file is read at launch under --root, also for a sandboxed recipe", function()
  -- the fake host has one interface, eno1, with MAC 00:1b:21:aa:bb:cc
  local root = launcher.fake_root()
  local path = launcher.write("seeded.lua", table.concat({
    'local acrn = require "acrn"',
    'local mac = acrn.host_file("/sys/class/net/e*/address")',
    'return acrn.vm { name = "seeded", target = "2.7", mac_seed = mac:sub(10, 17) .. "-vm1",',
    '  devices = { acrn.hostbridge {}, acrn.virtio_net { tap = "tap_s" } } }', "" }, "\n"))
  for _, mode in ipairs({ {}, { "--sandbox" } }) do
    local args = { "--root", root, "-n", path }
    for i, word in ipairs(mode) do
      table.insert(args, i, word)
    end
    local dry = launcher.run(args)
    spec.eq(dry.status, 0, dry.stderr)
    has(dry.stdout, "--mac_seed aa:bb:cc-vm1")
  end
  -- a second interface: the pattern no longer names one file
  assert(os.execute("mkdir -p " .. launcher.quote(root .. "/sys/class/net/eno2")))
  local second = assert(io.open(root .. "/sys/class/net/eno2/address", "w"))
  second:write("00:1b:21:aa:bb:cd\n")
  second:close()
  local result = launcher.run({ "--root", root, path })
  spec.eq(result.status, 1, "refused")
  spec.eq(result.argv, nil, "acrn-dm never ran")
  has(result.stderr, "seeded.lua:3: mac_seed: host_file /sys/class/net/e*/address: 2 files "
    .. "match it under " .. root)
end)

spec.it("a recipe's host file is sysfs only, and never followed out of --root", function()
  local root = launcher.fake_root()
  local secret = launcher.write("secret.txt", "s3cret\n")
  assert(os.execute("mkdir -p " .. launcher.quote(root .. "/sys/class/net/evil0")
    .. " && ln -s " .. launcher.quote(secret) .. " "
    .. launcher.quote(root .. "/sys/class/net/evil0/address")))
  for _, case in ipairs({
    { '"/etc/shadow"', 'host_file: "/etc/shadow" is not under /sys' },
    { '"/sys/../etc/shadow"', "has a . or .. component" },
    { '"/sys/class/net/evil0/address"', "beneath the root" },
  }) do
    local path = launcher.write("leak.lua", 'local acrn = require "acrn"\nreturn acrn.vm { name = '
      .. '"leak", mac_seed = acrn.host_file(' .. case[1] .. '), devices = { acrn.hostbridge {} } }\n')
    for _, mode in ipairs({ "--root", "--sandbox" }) do
      local args = mode == "--root" and { "--root", root, "-n", path }
        or { "--sandbox", "--root", root, "-n", path }
      local result = launcher.run(args)
      spec.eq(result.status, 1, case[1] .. " " .. mode)
      has(result.stderr, "leak.lua:2: ")
      has(result.stderr, case[2])
      spec.truthy(not (result.stdout .. result.stderr):find("s3cret", 1, true), "nothing leaks")
    end
  end
end)

spec.it("a launcher killed while it prepares the host leaves a record to release", function()
  local root = launcher.fake_root()
  -- CPU 3's online file is a FIFO nobody writes: the launcher waits there,
  -- with CPU 2 offline already, until it is killed
  local online = root .. "/sys/devices/system/cpu/cpu3/online"
  os.execute("rm " .. launcher.quote(online) .. " && mkfifo " .. launcher.quote(online))
  local path = recipe("rt4", "", "rtvm = true, cpu_affinity = { cpus = { 2, 3 } }, ")
  local killed = launcher.run({ "--root", root, path }, { kill_after = 0.5 })
  spec.eq(killed.status, 137, "killed")
  spec.eq(killed.argv, nil, "acrn-dm never ran")
  spec.eq(read(root .. "/sys/devices/system/cpu/cpu2/online"), "0\n", "CPU 2 went offline")
  has(launcher.run({ "list" }).stdout, "stopped; run acrn-launch release rt4")
  local released = launcher.run({ "release", "rt4" })
  spec.eq(released.status, 0, released.stderr)
  has(released.stdout, "gave back 1 host step(s)")
  spec.eq(read(root .. "/sys/devices/system/cpu/cpu2/online"), "1\n", "CPU 2 back online")
  spec.eq(launcher.run({ "list" }).stdout, "", "nothing left")
end)

spec.it("taps are created, put on the bridge, reused and deleted (network namespace)", function()
  if not os.execute("unshare -n true 2>/dev/null") then
    io.stderr:write("skipped: network namespaces are not allowed here (unshare -n)\n")
    return
  end
  local created = recipe("net1", 'acrn.virtio_net { tap = "tapn1", create = true, '
    .. 'bridge = "acrn-br0" }')
  local probe = launcher.dir .. "/probe.txt"
  local script = launcher.write("netns.sh", table.concat({
    "set -e",
    "ip link add acrn-br0 type bridge",
    "ip tuntap add dev tapold mode tap",
    'export ACRN_DM_PROBE="ip -o link show tapn1 > ' .. probe .. '"',
    "env ACRN_DM=" .. launcher.quote(launcher.stand_in) .. " ACRN_DM_RECORD=/dev/null "
      .. "ACRN_LAUNCH_RUN_DIR=" .. launcher.quote(launcher.run_dir) .. " "
      .. launcher.quote(launcher.launcher) .. " --foreground " .. launcher.quote(created),
    "if ip link show tapn1 >/dev/null 2>&1; then echo tap-left-behind; else echo tap-deleted; fi",
    "unset ACRN_DM_PROBE",
    "env ACRN_DM=" .. launcher.quote(launcher.stand_in) .. " ACRN_DM_RECORD=/dev/null "
      .. "ACRN_LAUNCH_RUN_DIR=" .. launcher.quote(launcher.run_dir) .. " "
      .. launcher.quote(launcher.launcher) .. " --foreground "
      .. launcher.quote(recipe("net2", 'acrn.virtio_net { tap = "tapold", create = true }')),
    "if ip link show tapold >/dev/null 2>&1; then echo tap-kept; else echo tap-lost; fi",
  }, "\n") .. "\n")
  local pipe = assert(io.popen(launcher.plain .. "unshare -n sh " .. launcher.quote(script)
    .. " 2>&1"))
  local out = pipe:read("a")
  pipe:close()
  local seen = read(probe) or ""
  has(seen, "tapn1")
  has(seen, "master acrn-br0")
  has(seen, "UP")
  has(out, "tap-deleted")
  has(out, "tap-kept")
end)

spec.done()
