-- SPDX-License-Identifier: Apache-2.0
-- Throughput of bench/run: build, check and render N VMs in one Lua state,
-- against a floor that only concatenates the same argument strings.
--
--   lua5.4 bench/throughput.lua RECIPE N...
--
-- Both sides run the same compiled recipe chunk N times and render each VM
-- it returns to its argv list.  The real side runs it against require
-- "acrn": constructors, acrn.vm, then vm:argv() (layout, whole-VM check,
-- rendering in the C core).  The floor runs it against a stand-in "acrn"
-- written in plain Lua whose constructors keep their table and whose
-- vm:argv() concatenates the fields into the same strings: no checks, no C.
-- The two argv are compared first; they must be equal.
--
-- A sample times one batch of N VMs (all kept alive until the batch ends)
-- with os.clock(), i.e. CPU time, after a full collection; real and floor
-- samples alternate until the real side has run for BENCH_TP_SECONDS
-- (default 1) and each side has at least 15 samples.  Prints one line per N:
--   N median_real_us median_floor_us samples
local acrn = require "acrn"

local recipe, counts = arg[1], {}
for i = 2, #arg do
  counts[#counts + 1] = assert(math.tointeger(tonumber(arg[i])), "N must be an integer")
end
assert(recipe and #counts > 0, "usage: throughput.lua RECIPE N...")
local budget = tonumber(os.getenv("BENCH_TP_SECONDS")) or 1

-- The floor's stand-in for require "acrn".
local floor = {}
do
  local function device(kind)
    return function(fields)
      fields.kind = kind
      return fields
    end
  end
  floor.hostbridge = device("hostbridge")
  floor.lpc = device("lpc")
  floor.virtio_console = device("virtio-console")
  floor.virtio_net = device("virtio-net")
  floor.virtio_blk = device("virtio-blk")
  floor.virtio_rnd = device("virtio-rnd")

  local render = {}
  function render.hostbridge()
    return nil
  end
  function render.lpc()
    return nil
  end
  render["virtio-rnd"] = render.lpc
  render["virtio-console"] = function(d)
    local ports = {}
    for i, port in ipairs(d.ports) do
      local text = (port.console and "@" or "") .. port.backend .. ":" ..
        (port.name or port.backend .. "_port")
      if port.path then
        text = text .. "=" .. port.path
      end
      if port.mode then
        text = text .. ":" .. port.mode
      end
      ports[i] = text
    end
    return table.concat(ports, ",")
  end
  render["virtio-net"] = function(d)
    return "tap=" .. d.tap .. (d.vhost and ",vhost" or "") .. (d.mac and ",mac=" .. d.mac or "")
  end
  render["virtio-blk"] = function(d)
    return d.path .. (d.ro and ",ro" or "") .. (d.cache and "," .. d.cache or "")
  end

  local VM = {}
  VM.__index = VM
  function VM:argv()
    local argv, slot = {}, 3
    if self.memory then
      argv[#argv + 1] = "-m"
      argv[#argv + 1] = math.type(self.memory) == "integer" and self.memory .. "M" or self.memory
    end
    for _, d in ipairs(self.devices) do
      local at
      if d.kind == "hostbridge" then
        at = "0:0"
      elseif d.kind == "lpc" then
        at = "1:0"
      else
        at = tostring(d.slot or slot)
        slot = (d.slot or slot) + 1
      end
      local options = render[d.kind](d)
      argv[#argv + 1] = "-s"
      argv[#argv + 1] = at .. "," .. d.kind .. (options and "," .. options or "")
      if d.kind == "lpc" and d.com1 then
        argv[#argv + 1] = "-l"
        argv[#argv + 1] = "com1," .. d.com1
      end
    end
    if self.kernel then
      argv[#argv + 1] = "-k"
      argv[#argv + 1] = self.kernel
    end
    if self.ramdisk then
      argv[#argv + 1] = "-r"
      argv[#argv + 1] = self.ramdisk
    end
    if self.bootargs then
      argv[#argv + 1] = "-B"
      argv[#argv + 1] = table.concat(self.bootargs, " ")
    end
    argv[#argv + 1] = self.name
    return argv
  end
  function floor.vm(fields)
    return setmetatable(fields, VM)
  end
end

-- The recipe, compiled once per side: only `require` differs.
local file = assert(io.open(recipe, "r"))
local source = file:read("a")
file:close()
local function compile(module)
  local env = setmetatable({
    require = function(name)
      assert(name == "acrn", "the recipe may only require \"acrn\"")
      return module
    end,
  }, { __index = _G })
  return assert(load(source, "@" .. recipe, "t", env))
end
local real_chunk, floor_chunk = compile(acrn), compile(floor)

-- The two sides must render the same argv.
do
  local want, got = real_chunk():argv(), floor_chunk():argv()
  local same = #want == #got
  for i = 1, #want do
    same = same and want[i] == got[i]
  end
  if not same then
    io.stderr:write("throughput.lua: the floor renders a different argv for ", recipe, ":\n  ",
      table.concat(want, " "), "\n  ", table.concat(got, " "), "\n")
    os.exit(1)
  end
end

-- One batch of n VMs; returns its CPU time in seconds.
local function batch(chunk, n)
  local vms, argvs = {}, {}
  collectgarbage("collect")
  local start = os.clock()
  for i = 1, n do
    local vm = chunk()
    vms[i] = vm
    argvs[i] = vm:argv()
  end
  local elapsed = os.clock() - start
  assert(#argvs == n and #vms == n)
  return elapsed
end

local function median(list)
  table.sort(list)
  local n = #list
  if n % 2 == 1 then
    return list[(n + 1) // 2]
  end
  return (list[n // 2] + list[n // 2 + 1]) / 2
end

for _, n in ipairs(counts) do
  batch(real_chunk, n) -- warm up both sides
  batch(floor_chunk, n)
  local real, fake, real_total, fake_total = {}, {}, 0, 0
  while #real < 15 or real_total < budget do
    local t = batch(real_chunk, n)
    real[#real + 1], real_total = t, real_total + t
    t = batch(floor_chunk, n)
    fake[#fake + 1], fake_total = t, fake_total + t
  end
  print(string.format("%d %.2f %.2f %d", n, median(real) * 1e6, median(fake) * 1e6, #real))
end
