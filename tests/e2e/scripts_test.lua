-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import --from SCRIPT: launch scripts of our own in the shapes
-- of ACRN's (1.6.1 and 2.7 NUC scripts, launch_ubuntu.sh, 3.3 Configurator
-- output) import into their expected recipes (tests/import/scripts/*.lua),
-- each rendering the same devices in the same slots under the same VM
-- name as the command the script runs with its default arguments (*.argv,
-- "<host>" where the script reads a value on the host); the 2.7 ones that
-- pass -U say why for 2.7.  Host preparation becomes fields, what the
-- script reads on the host is said once and never read, and what is not a
-- script (a directory, a FIFO, /dev/zero, more than 1 MiB) is a clear error.
local spec = require "spec"
local launcher = require "launcher"

-- the host dry runs read facts from: CPUs with LAPIC ids 0, 2, 4, 6
local host = launcher.fake_root()

local dir = launcher.source .. "/tests/import/scripts"

local read = spec.read

local has = spec.has

local lacks = spec.lacks

-- slot -> emulation and CONFIG, with pieces read on the host left out and
-- host devices as numbers.
local function devices_of(words)
  local devices = {}
  for i = 1, #words - 1 do
    if words[i] == "-s" then
      local slot, rest = words[i + 1]:match("^([^,]*),(.*)$")
      local parts = {}
      for number in slot:gmatch("[^:]+") do
        parts[#parts + 1] = tonumber(number)
      end
      local key = #parts == 1 and string.format("0:%d:0", parts[1])
        or #parts == 2 and string.format("0:%d:%d", parts[1], parts[2])
        or string.format("%d:%d:%d", parts[1], parts[2], parts[3])
      local pieces = {}
      for piece in (rest .. ","):gmatch("([^,]*),") do
        local b, d, f = piece:match("^(%x+)/(%x+)/(%x+)$")
        if b then
          piece = string.format("%d/%d/%d", tonumber(b, 16), tonumber(d, 16), tonumber(f, 16))
        end
        if not piece:find("<host>", 1, true) then
          pieces[#pieces + 1] = piece
        end
      end
      devices[key] = table.concat(pieces, ",")
    end
  end
  return devices
end

local function lines(path)
  local list = {}
  for line in read(path):gmatch("([^\n]*)\n") do
    list[#list + 1] = line
  end
  return list
end

local paths = {}
local pipe = assert(io.popen("ls " .. dir .. "/*.sh"))
for path in pipe:lines() do
  paths[#paths + 1] = path
end
pipe:close()
spec.eq(#paths, 14, "5 1.6.1 NUC shapes, 6 2.7 NUC shapes, launch_ubuntu's, 2 Configurator's")

for _, path in ipairs(paths) do
  local name = path:match("([^/]+)%.sh$")
  spec.it(name .. ".sh imports into its recipe: the same devices, slots and name", function()
    local result = launcher.run({ "import", "--from", path })
    spec.eq(result.status, 0, "import: " .. result.stderr)
    spec.eq(result.stdout, read(dir .. "/" .. name .. ".lua"), "the expected recipe")
    lacks(result.stdout, "raw = {")
    -- one warning per construct, each once, never "nil"
    local seen = {}
    for line in result.stderr:gmatch("[^\n]+") do
      spec.truthy(not seen[line], "said twice: " .. line)
      seen[line] = true
      spec.truthy(not line:find("nil", 1, true), "nil in: " .. line)
    end
    local recipe = launcher.write(name .. ".lua", result.stdout)
    local dry = launcher.run({ "--root", host, "-n", recipe })
    spec.eq(dry.status, 0, "the recipe renders on the fake host: " .. dry.stderr)
    local words = launcher.shell_words(dry.stdout)
    table.remove(words, 1)
    -- what the recipe read on the host (eno1's MAC, or its last three
    -- octets) is what the script's <host> stands for
    for i, word in ipairs(words) do
      words[i] = word:gsub("00:1b:21:aa:bb:cc", "<host>"):gsub("aa:bb:cc", "<host>")
    end
    local expected = lines(dir .. "/" .. name .. ".argv")
    spec.eq(words[#words], expected[#expected], "the VM name")
    spec.eq(devices_of(words), devices_of(expected), "the devices, slot by slot")
  end)
end

spec.it("the 2.7 shapes that pass -U say why for 2.7", function()
  local refused = 0
  for _, path in ipairs(paths) do
    local argv = read(path:gsub("%.sh$", ".argv"))
    if path:match("/2%.7%-") and argv:find("\n-U\n", 1, true) then
      refused = refused + 1
      local uuid = argv:match("\n%-U\n([^\n]+)")
      local result = launcher.run({ "import", "--target", "2.7", "--from", path })
      spec.eq(result.status, 1, path .. ": " .. result.stderr)
      spec.eq(result.stdout, "", "no recipe")
      has(result.stderr, "-U " .. uuid .. ": uuid was removed in ACRN 2.7 (target 2.7); acrn-dm "
        .. "2.7 refuses it")
    end
  end
  spec.eq(refused, 3, "hard_rt, win, xenomai")
end)

spec.it("host preparation becomes recipe fields", function()
  local win = read(dir .. "/2.7-nuc-win.lua")
  has(win, "acrn.virtio_net { tap = \"tap_WaaG\", create = true, bridge = \"acrn-br0\", slot = 7 }")
  has(win, "acrn.passthru { bdf = \"0/2/0\", prepare = true, slot = 2 }")
  has(win, "acrn.passthru { bdf = \"00/1f/3\", prepare = true, slot = 5 }")
  has(read(dir .. "/1.6.1-nuc-hard_rt.lua"), "acrn.passthru { bdf = \"02/0/0\", prepare = true")
  local rt = read(dir .. "/3.3-configurator-vm2.lua")
  has(rt, "cpu_affinity = { lapic_ids = { 4, 6 }, offline = true },")
  has(rt, table.concat({ "    acrn.virtio_net {", '      tap = "RT",',
    '      mac_seed = acrn.host_file("/sys/class/net/e*/address"):sub(1, 17) .. "-POST_RT_VM1",',
    "      create = true,", '      bridge = "acrn-br0",', "      slot = 4,", "    }," }, "\n"))
  has(rt, "intr_monitor = { threshold = 10000, probe_period = 10, delay_time = 1, "
    .. "delay_duration = 100 }")
  local standard = read(dir .. "/3.3-configurator-vm1.lua")
  has(standard, "cpu_affinity = { lapic_ids = { 0, 2 } },")
  has(standard, "acrn.passthru { bdf = \"0/2/0\", prepare = true, slot = 2 }")
end)

spec.it("a sysfs file the script reads becomes acrn.host_file; nothing is read here", function()
  local result = launcher.run({ "import", "--from", dir .. "/1.6.1-nuc-uos.sh" })
  lacks(result.stderr, "mac_seed")
  has(result.stdout, 'mac_seed = acrn.host_file("/sys/class/net/e*/address"):sub(10, 17) .. '
    .. '"-vm1",')
  has(result.stderr, "the script takes CPUs offline that it finds on the host ($(ls -d "
    .. "/sys/devices/system/cpu/cpu[1-99]))")
  -- the runC branch (-C) is not the default run
  lacks(result.stderr, "runc")
  result = launcher.run({ "import", "--from", dir .. "/3.3-configurator-vm1.sh" })
  has(result.stdout, '      mac_seed = acrn.host_file("/sys/class/net/e*/address"):sub(1, 17) '
    .. '.. "-POST_STD_VM1",')
  has(result.stderr, "-s 5,virtio-blk,./win10-ltsc.img: path \"./win10-ltsc.img\" is a "
    .. "relative path")
  result = launcher.run({ "import", "--from", dir .. "/2.7-nuc-xenomai.sh" })
  has(result.stderr, "the script also runs mount, tar, cp, umount, losetup on the host")
end)

spec.it("a virtio-input the script finds at launch by name is found by the recipe so too", function()
  local script = launcher.write("input.sh", table.concat({
    "function add_virtual_device() { echo -n \"-s $1,$2${3:+,$3}\"; }",
    "dm_params=(",
    "  -m 1024M",
    "  `add_virtual_device 0:0 hostbridge`",
    "  `add_virtual_device 6 virtio-input Device name: AT Translated Set 2 keyboard, Device "
      .. "physical path: isa0060/serio0/input0,id:kbd`",
    "  vm1",
    ")",
    "acrn-dm \"${dm_params[@]}\"", "" }, "\n"))
  local result = launcher.run({ "import", "--target", "3.3", "--from", script })
  spec.eq(result.status, 0, "import: " .. result.stderr)
  lacks(result.stderr, "virtio-input")
  has(result.stdout, table.concat({ "    acrn.virtio_input {",
    '      name = "AT Translated Set 2 keyboard",', '      phys = "isa0060/serio0/input0",',
    '      serial = "kbd",', "      slot = 6,", "    }," }, "\n"))
  -- on a host that lists it as event4 this boot
  local root = launcher.fake_root()
  local device = root .. "/sys/class/input/event4/device"
  assert(os.execute("mkdir -p " .. launcher.quote(device)))
  for name, text in pairs({ name = "AT Translated Set 2 keyboard", phys = "isa0060/serio0/input0" }) do
    local file = assert(io.open(device .. "/" .. name, "w"))
    file:write(text, "\n")
    file:close()
  end
  local recipe = launcher.write("input.lua", result.stdout)
  local dry = launcher.run({ "--root", root, "-n", recipe })
  spec.eq(dry.status, 0, dry.stderr)
  has(dry.stdout, "-s 6,virtio-input,/dev/input/event4,kbd")
  -- and on one without it, the launch says so at the device's line
  dry = launcher.run({ "--root", host, "-n", recipe })
  spec.eq(dry.status, 1, "no such input device here")
  has(dry.stderr, "no input device is named \"AT Translated Set 2 keyboard\" at phys "
    .. "\"isa0060/serio0/input0\"")
end)

spec.it("what is not a script is a clear error, and quick", function()
  local result = launcher.run({ "import", "--from", dir })
  spec.eq(result.status, 1, "a directory")
  has(result.stderr, "is a directory, not a regular file")
  local fifo = launcher.dir .. "/fifo"
  os.execute("rm -f " .. fifo .. " && mkfifo " .. fifo)
  result = launcher.run({ "import", "--from", fifo })
  spec.eq(result.status, 1, "a FIFO, without a writer: no hang")
  has(result.stderr, "is a FIFO, not a regular file")
  result = launcher.run({ "import", "--from", "/dev/zero" })
  spec.eq(result.status, 1, "/dev/zero")
  has(result.stderr, "is a character device, not a regular file")
  local big = launcher.write("big.sh", ("# " .. string.rep("x", 1021) .. "\n"):rep(1025))
  result = launcher.run({ "import", "--from", big })
  spec.eq(result.status, 1, "more than 1 MiB")
  has(result.stderr, "at most 1048576 are read")
  result = launcher.run({ "import", "--from", launcher.write("none.sh", "echo hello\nls\n") })
  spec.eq(result.status, 1, "no acrn-dm")
  has(result.stderr, "no acrn-dm command found")
  result = launcher.run({ "import", "--from", launcher.write("bad.sh", "acrn-dm -m 'x\n") })
  spec.eq(result.status, 1, "an unterminated quote")
  has(result.stderr, "an unterminated ' quote")
end)

spec.done()
