-- SPDX-License-Identifier: Apache-2.0
-- Every device and option of the catalogue, for every target: a valid
-- example of each renders where the release has it and is refused, naming
-- the release, where it does not; ignored ones warn.
local spec = require "spec"
local acrn = require "acrn"

-- A valid example of each constructor's fields (every emulation must have one).
local SAMPLES = {
  hostbridge = false, amd_hostbridge = false, lpc = { com1 = "stdio" },
  igd_lpc = {}, dummy = {}, wdt = {}, virtio_rnd = {},
  virtio_console = { ports = { { backend = "pty" } } },
  virtio_net = { tap = "tap0" }, virtio_blk = { path = "/img" },
  passthru = { bdf = "00:1f.3" }, uart = { backend = "tcp:4444" }, xhci = { ports = { "1-2" } },
  ahci = { ports = { { hd = "/a.img" } } }, ahci_hd = { path = "/a.img" },
  ahci_cd = { path = "/b.iso" }, virtio_input = { path = "/dev/input/event0" },
  virtio_i2c = { adapters = { { bus = 0 } } },
  virtio_gpio = { chips = { { chip = "gpiochip0", lines = { "3" } } } },
  virtio_gpu = { screens = { { geometry = "1920x1080+0+0" } } },
  vhost_vsock = { cid = 3 }, ivshmem = { provider = "dm", name = "shm", size = 2 },
  pci_gvt = { args = "64 448 8" }, npk = {}, virtio_hdcp = {}, virtio_coreu = {},
  virtio_audio = {}, virtio_ipu = {}, virtio_hyper_dmabuf = {}, virtio_heci = {},
  virtio_rpmb = {},
}

-- A valid example of each VM field; per-target ones are functions.
local OPTIONS = {
  uuid = "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f", acpi = true, memory = "1G",
  virtio_msi = true, virtio_msix = true, ovmf = "/ovmf.fd",
  cpu_affinity = { cpus = { 1 } }, rtvm = true, lapic_pt = true, virtio_poll = 1000,
  intr_monitor = { threshold = 10000, probe_period = 10, delay_time = 1, delay_duration = 100 },
  logger = { kmsg = 3 }, windows = true, enable_trusty = true, debugexit = true,
  ssram = function(target)
    return target:match("^3%.") and { { cache = "L2", all = true, size = "512K" } } or true
  end,
  psram = true, vtpm2 = "/run/tpm.sock", acpidev_pt = { { hid = "MSFT0101" } },
  mmiodev_pt = { { base = 0xfe000000, size = 0x1000 } }, cmd_monitor = "/run/cmd.sock",
  iasl = "/usr/bin/iasl", mac_seed = "seed", pm_notify_channel = "ioc",
  pm_by_vuart = "pty,/run/pm", mptgen = true, ioc_node = "/dev/ptmx", vsbl = "/vsbl.bin",
  part_info = "/part", elf = "/zephyr.elf", kernel = "/k", ramdisk = "/r",
  bootargs = "quiet", raw = { "--extra" },
}

local core = require "acrn.core"

-- What `item` should do on `target`: "ok", "warn" or "error", and the words
-- that say why (the release arithmetic is the core's: core.accepts).
local function expected(item, target)
  local accepts = core.accepts(target, item)
  if accepts == "no" then
    if item.since and core.accepts(target, { releases = { since = item.releases.since } }) == "no" then
      return "error", "needs ACRN " .. item.since .. " or later"
    end
    return "error", "was removed in ACRN " .. item.removed
  end
  if accepts == "ignored" then
    return "warn", "is ignored by acrn-dm from ACRN " .. item.ignored
  end
  return "ok"
end

local function vm_with(target, device, options)
  local vm = acrn.vm { name = "v", target = target, devices = { acrn.hostbridge {} } }
  if device then
    vm:add(device)
  end
  for key, value in pairs(options or {}) do
    vm[key] = value
  end
  return vm
end

spec.it("every emulation has a sample here", function()
  for _, emulation in ipairs(acrn.catalog.emulations) do
    spec.truthy(SAMPLES[emulation.constructor] ~= nil, emulation.constructor .. " has no sample")
  end
end)

for _, emulation in ipairs(acrn.catalog.emulations) do
  local fields = SAMPLES[emulation.constructor]
  if fields then
    spec.it("release gates of device " .. emulation.kind, function()
      for _, target in ipairs(acrn.targets) do
        local vm = vm_with(target, acrn[emulation.constructor](fields))
        local how, words = expected(emulation, target)
        local ok, plan = pcall(vm.plan, vm)
        if how == "error" then
          spec.eq(ok, false, emulation.kind .. " on " .. target)
          spec.truthy(tostring(plan):find(words, 1, true), plan)
          spec.truthy(tostring(plan):find("device #2 (" .. emulation.kind .. ")", 1, true), plan)
        else
          spec.eq(ok, true, emulation.kind .. " on " .. target .. ": " .. tostring(plan))
          spec.truthy(plan.devices[2].arg:find(emulation.kind, 1, true), plan.devices[2].arg)
        end
      end
    end)
  end
end

for _, option in ipairs(acrn.catalog.options) do
  spec.it("release gates of VM field " .. option.name, function()
    spec.truthy(OPTIONS[option.name] ~= nil, option.name .. " has no sample")
    for _, target in ipairs(acrn.targets) do
      local value = OPTIONS[option.name]
      if type(value) == "function" then
        value = value(target)
      end
      local vm = vm_with(target, nil, { [option.name] = value })
      local how, words = expected(option, target)
      if option.name == "mac_seed" and target:match("^3%.") then
        how = "ok" -- it moved into the devices; see the rendering spec
      end
      local ok, plan = pcall(vm.plan, vm)
      if how == "error" then
        spec.eq(ok, false, option.name .. " on " .. target)
        spec.truthy(tostring(plan):find(words, 1, true), plan)
      else
        spec.eq(ok, true, option.name .. " on " .. target .. ": " .. tostring(plan))
        local text = table.concat(plan.warnings, "\n")
        if how == "warn" then
          spec.truthy(text:find(words, 1, true), option.name .. " on " .. target .. ": " .. text)
        end
      end
    end
  end)
end

spec.it("a release that changed the meaning renders the target's form", function()
  local function argv(target, fields, device)
    return table.concat(vm_with(target, device, fields):argv(), " ")
  end
  local net = acrn.virtio_net { tap = "tap0" }
  spec.truthy(argv("2.7", {}, net):find("-s 3,virtio-net,tap0 ", 1, true), "2.7 tap")
  spec.truthy(argv("3.0", {}, net):find("-s 3,virtio-net,tap=tap0 ", 1, true), "3.0 tap=")
  spec.truthy(argv("2.7", { mac_seed = "s" }, net):find(" --mac_seed s ", 1, true), "2.7 seed")
  spec.truthy(argv("3.3", { mac_seed = "s" }, net):find("tap=tap0,mac_seed=s v", 1, true),
    "3.3 seed goes into the device")
  spec.truthy(argv("2.7", { virtio_msi = true }):find(" -W ", 1, true), "-W")
  spec.truthy(argv("3.0", { virtio_msi = true }):find(" --virtio_msi ", 1, true), "--virtio_msi")
  spec.truthy(argv("2.3", { ssram = true }):find(" --psram ", 1, true), "--psram")
  spec.truthy(argv("2.5", { ssram = true }):find(" --ssram ", 1, true), "--ssram")
  spec.raises(function() vm_with("3.3", nil, { ssram = true }):plan() end,
    "needs the regions", "swallow the next option")
  spec.raises(function() vm_with("2.7", nil, { cpu_affinity = { lapic_ids = { 2 } } }):plan() end,
    "lapic_ids are for ACRN 3.0")
  local rt = vm_with("3.3", nil, { lapic_pt = true }):plan()
  spec.truthy(table.concat(rt.warnings):find("lapic_pt is ignored by acrn-dm 3.3 unless rtvm",
    1, true), "lapic_pt warning")
  spec.eq(#vm_with("3.3", nil, { lapic_pt = true, rtvm = true }):plan().warnings, 0, "with rtvm")
  spec.eq(#vm_with("2.7", nil, { lapic_pt = true }):plan().warnings, 0, "2.7: fine alone")
end)

spec.it("raw arguments go last before the name, with a warning", function()
  local plan = vm_with("3.3", nil, { raw = { "--foo", "bar baz" }, kernel = "/k" }):plan()
  spec.eq({ table.unpack(plan.argv, #plan.argv - 4) }, { "-k", "/k", "--foo", "bar baz", "v" },
    "order")
  spec.truthy(plan.warnings[1]:find("unchecked: --foo bar baz", 1, true), plan.warnings[1])
end)

spec.it("the logger never renders the form that crashes acrn-dm 3.3", function()
  local plan = vm_with("3.3", nil, { logger = { console = 6 } }):plan()
  spec.eq(plan.argv[#plan.argv - 1], "console,level=6", "full form")
  spec.truthy(plan.warnings[1]:find("acts as 5", 1, true), plan.warnings[1])
  spec.raises(function() vm_with("3.3", nil, { logger = {} }):plan() end, "give a level")
end)

spec.done()
