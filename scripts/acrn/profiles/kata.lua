-- SPDX-License-Identifier: Apache-2.0
-- The Kata Containers sandbox: the VM Kata's ACRN driver started, from the
-- same inputs, for any target.  Slots come from the "kata" layout (in order
-- from 0, skipping 2); eight empty placeholder disks wait for container
-- disks (drive indexes 1-8, all usable), and the plan's drives map says
-- which slot each drive index is in.
local acrn = require "acrn"
local core = require "acrn.core"
local util = require "acrn.util"

core.internal()

-- The eight UUIDs a Kata-era hypervisor (up to 2.6) was built to accept.
local UUIDS = {
  "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f",
  "dbeae168-26e4-4084-9227-622193e56325",
  "18ed60cd-e9ea-4bf4-8f87-8523fc8347a3",
  "3f90b6f8-449a-4e72-b99c-063a889fc422",
  "1ae8587b-e599-4b59-8260-6d14ac166a55",
  "75f3b94b-49ed-48fc-b019-577ef45adf2b",
  "ca62cf3c-8359-47e8-a3f7-de2d682dfb02",
  "e3189497-c3f6-4b97-9e2c-18ac0ab9064d",
}

local PLACEHOLDERS = 8

local BASE_PARAMS = {
  "tsc=reliable", "no_timer_check", "nohpet", "console=tty0", "console=ttyS0",
  "console=hvc0", "log_buf_len=16M", "consoleblank=0", "iommu=off",
  "i915.avail_planes_per_pipe=0x070F00", "i915.enable_hangcheck=0",
  "i915.nuclear_pageflip=1", "i915.enable_guc_loading=0",
  "i915.enable_guc_submission=0", "i915.enable_guc=0",
}

-- The inputs a sandbox takes, and what each must be.
local INPUTS = {
  id = "string", image = "string", kernel = "string", memory = "number",
  max_vcpus = "number", debug = "boolean", console = "string", agent = "string",
  networks = "table", disks = "table", kernel_params = "any", target = "string",
  uuid_index = "number", dm = "string",
}

local function fail(message)
  error(core.where() .. "kata: " .. message, 0)
end

-- Checks `inputs` against INPUTS; every unknown key or wrong type fails.
local function check_inputs(inputs)
  if type(inputs) ~= "table" then
    fail("takes a table of inputs, not " .. type(inputs))
  end
  for key, value in pairs(inputs) do
    local want = INPUTS[key]
    if not want then
      fail(string.format("unknown input %q (known: %s)", tostring(key),
        table.concat(util.sorted_keys(INPUTS), ", ")))
    end
    if want ~= "any" and type(value) ~= want then
      fail(string.format("%s must be a %s, not %s", key, want, type(value)))
    end
  end
  for _, key in ipairs({ "id", "kernel", "console", "agent" }) do
    if inputs[key] == nil then
      fail(key .. " is required")
    end
  end
end

-- The VM name: "sandbox-<id>", cut to the target's limit (ACRN 2.7 and
-- later: 15 bytes, "sandbox-" and the id's first 7 characters) with a warning.
local function vm_name(vm, id, target)
  local name = "sandbox-" .. id
  local max = acrn.catalog.name_max[target]
  if not max or #name <= max then
    return name
  end
  local short = name:sub(1, max)
  vm:warn(string.format("kata: the name %q is longer than the %d bytes ACRN %s takes; "
    .. "using %q (a name the hypervisor's scenario does not list runs only in a free "
    .. "dynamic VM slot)", name, max, target, short))
  return short
end

-- The kernel command line, in Kata's order.
local function kernel_params(inputs)
  local params = acrn.kparams.new(BASE_PARAMS)
  local image = inputs.image ~= nil
  if image then
    params:add("root=/dev/vda1"):add("rw"):add("rootwait")
  end
  if inputs.debug then
    params:add("debug")
    if image then
      params:extend({ "systemd.show_status=true", "systemd.log_level=debug",
        "systemd.log_target=kmsg", "printk.devkmsg=on" })
    end
  else
    params:add("quiet")
    if image then
      params:add("systemd.show_status=false")
    end
  end
  params:add("panic", "1"):add("maxcpus", tostring(inputs.max_vcpus or 1))
  if inputs.kernel_params ~= nil then
    params:extend(inputs.kernel_params)
  end
  return params
end

-- acrn.profiles.kata { id, image, kernel, memory, max_vcpus, debug, console,
-- agent, networks = { { tap, mac, macvtap } }, disks = { { path, ro } },
-- kernel_params, target, uuid_index, dm } -> a VM.
return function(inputs)
  check_inputs(inputs)
  local target = acrn.resolve_target(inputs.target, inputs.dm)
  local devices = {
    acrn.hostbridge {},
    acrn.lpc { com1 = "stdio" },
    acrn.virtio_console { ports = { { backend = "socket", name = "console0",
      path = inputs.console, console = true } } },
  }
  if inputs.image then
    devices[#devices + 1] = acrn.virtio_blk { path = inputs.image, drive = 0 }
  end
  for drive = 1, PLACEHOLDERS do
    devices[#devices + 1] = acrn.virtio_blk { nodisk = true, drive = drive }
  end
  devices[#devices + 1] = acrn.virtio_console { ports = { { backend = "socket",
    name = "agent.channel.0", path = inputs.agent } } }
  for _, network in ipairs(inputs.networks or {}) do
    devices[#devices + 1] = acrn.virtio_net(network)
  end
  for i, disk in ipairs(inputs.disks or {}) do
    local fields = { drive = PLACEHOLDERS + i }
    for key, value in pairs(disk) do
      fields[key] = value
    end
    devices[#devices + 1] = acrn.virtio_blk(fields)
  end

  local vm = acrn.vm {
    target = target,
    layout = "kata",
    memory = inputs.memory or 2048,
    kernel = inputs.kernel,
    devices = devices,
    dm = inputs.dm,
  }
  vm.name = vm_name(vm, inputs.id, target)
  vm.bootargs = kernel_params(inputs)
  if core.supports(target, "uuid") then
    local index = inputs.uuid_index or 0
    if math.type(index) ~= "integer" or index < 0 or index >= #UUIDS then
      fail(string.format("uuid_index must be an integer 0-%d, not %s", #UUIDS - 1,
        tostring(index)))
    end
    vm.uuid = UUIDS[index + 1]
  end
  if core.supports(target, "acpi") then
    vm.acpi = true
  end
  return vm
end
