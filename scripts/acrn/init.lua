-- SPDX-License-Identifier: Apache-2.0
-- require "acrn": device constructors, acrn.vm and the VM's methods.
--
-- A VM is a table of fields (name, target, memory, …, devices) with methods.
-- Turning it into a plan is one trip into C: the layout policy gives every
-- device a slot, then core.build checks the whole VM against the target's
-- grammar and renders the argv.
local core = require "acrn.core"
local kparams = require "acrn.kparams"
local layout = require "acrn.layout"

core.internal()

local M = {}

local catalog = core.catalog()

M.kparams = kparams
M.layout = layout
M.catalog = catalog
M.targets = catalog.targets
M.uuid = core.uuid
M.emulations = {}
for _, emulation in ipairs(catalog.emulations) do
  M.emulations[emulation.constructor] = emulation
end
M.supports = core.supports
M.version = core.version

-- What a VM gets when neither it nor anything above it says otherwise.
-- `root` is where host facts (/proc/cpuinfo) are read.
M.defaults = {
  target = catalog.default_target,
  dm = "/usr/bin/acrn-dm",
  layout = "acrn",
  root = "/",
}

local probed = {}

-- The concrete target for `target` (default: acrn.defaults.target): "auto"
-- runs `program -v` once per program and maps its answer to a release.
function M.resolve_target(target, program)
  target = target or M.defaults.target
  if target ~= "auto" then
    return target
  end
  program = program or M.defaults.dm
  if not probed[program] then
    local found, message = core.probe(program)
    if not found then
      error(core.where() .. "target \"auto\": " .. message, 0)
    end
    probed[program] = found
  end
  return probed[program]
end

for name, constructor in pairs(core.constructors) do
  M[name] = constructor
end

-- The fields a VM may have: acrn-launch's own, then the catalogue's options.
local vm_fields = { "name", "target", "dm", "layout", "devices" }
for _, option in ipairs(catalog.options) do
  vm_fields[#vm_fields + 1] = option.name
end
local is_vm_field = {}
for _, name in ipairs(vm_fields) do
  is_vm_field[name] = true
end

local VM = {}
VM.__index = VM
VM.__name = "acrn.vm"

-- Per-VM bookkeeping that is not a field: where it was made, its warnings.
local state = setmetatable({}, { __mode = "k" })

-- Raises `message` at the recipe line running now.
local function fail(message)
  error(core.where() .. message, 0)
end

-- A value as messages show it.
local function show(value)
  if type(value) == "string" then
    return string.format("%q", value)
  end
  return tostring(value)
end

-- Checks that `devices` is a list of devices; returns a copy.
local function device_list(devices)
  if type(devices) ~= "table" then
    fail("devices must be a list of devices, not " .. type(devices))
  end
  local list = {}
  for key in pairs(devices) do
    if math.type(key) ~= "integer" or key < 1 or key > #devices then
      fail("devices must be a list, without other keys (found " .. show(key) .. ")")
    end
  end
  for i, device in ipairs(devices) do
    if not core.kind(device) then
      fail(string.format("device #%d is a %s, not a device made by an acrn constructor", i,
        type(device)))
    end
    list[i] = device
  end
  return list
end

-- acrn.vm { name = …, devices = { … }, … } -> a VM.  (Wrapped by
-- core.keep_caller so that `return acrn.vm {…}` keeps the recipe's line.)
local function new_vm(fields)
  if type(fields) ~= "table" then
    fail("acrn.vm takes a table of fields, not " .. type(fields))
  end
  local vm = setmetatable({}, VM)
  state[vm] = { where = core.where(), warnings = {} }
  for key, value in pairs(fields) do
    if not is_vm_field[key] then
      fail(string.format("acrn.vm: unknown field %s (known: %s)", show(key),
        table.concat(vm_fields, ", ")))
    end
    vm[key] = value
  end
  vm.devices = device_list(fields.devices or {})
  if fields.bootargs ~= nil and not kparams.is(fields.bootargs) then
    vm.bootargs = kparams.new(fields.bootargs)
  end
  return vm
end
M.vm = core.keep_caller(new_vm)

-- True when `value` is a VM made by acrn.vm.
function M.is_vm(value)
  return getmetatable(value) == VM
end

-- Appends a device; returns the VM.
function VM:add(device)
  if not core.kind(device) then
    fail("vm:add takes a device made by an acrn constructor, not " .. show(device))
  end
  self.devices[#self.devices + 1] = device
  return self
end

-- Records a warning that the plan will carry (profiles use it).
function VM:warn(message)
  local warnings = state[self].warnings
  warnings[#warnings + 1] = message
  return self
end

-- The target this VM is built for ("auto" asks its acrn-dm, once).
function VM:target_name()
  return M.resolve_target(self.target, self:program())
end

-- The acrn-dm a launch would run.
function VM:program()
  return self.dm or M.defaults.dm
end

-- The kernel command line as one string, or nil when there is none.
local function bootargs_text(bootargs)
  if bootargs == nil then
    return nil
  end
  local text = kparams.is(bootargs) and bootargs:render() or kparams.new(bootargs):render()
  if text == "" then
    return nil
  end
  return text
end

-- The table core.build reads: the VM's fields, each device's placement
-- from the layout policy, and where to blame VM-wide problems.
function VM:spec()
  local where = state[self].where
  for key in pairs(self) do
    if not is_vm_field[key] then
      error(string.format("%sunknown VM field %s (known: %s)", where, show(key),
        table.concat(vm_fields, ", ")), 0)
    end
  end
  local spec = {
    where = where,
    root = M.defaults.root,
    target = self:target_name(),
    devices = device_list(self.devices),
  }
  for _, option in ipairs(catalog.options) do
    spec[option.name] = self[option.name]
  end
  spec.name = self.name
  spec.bootargs = bootargs_text(self.bootargs)
  local items = {}
  for i, device in ipairs(spec.devices) do
    items[i] = {
      kind = core.kind(device), bus = device.bus, slot = device.slot, func = device.func,
      where = core.origin(device),
    }
  end
  spec.placements = layout.place(self.layout or M.defaults.layout, items)
  return spec
end

-- The checked plan: { target, name, program, argv, bootargs, devices,
-- drives, warnings }; a fresh table each time.  Raises on any problem.
function VM:plan()
  local spec = self:spec()
  local built = core.build(spec)
  local plan = {
    target = spec.target,
    name = spec.name,
    program = self:program(),
    argv = built.argv,
    bootargs = spec.bootargs,
    devices = built.devices,
    drives = {},
    warnings = {},
  }
  for _, warning in ipairs(state[self].warnings) do
    plan.warnings[#plan.warnings + 1] = warning
  end
  for _, warning in ipairs(built.warnings) do
    plan.warnings[#plan.warnings + 1] = warning
  end
  for _, placed in ipairs(built.devices) do
    local drive = spec.devices[placed.index].drive
    if drive ~= nil then
      plan.drives[drive] = placed.slot
    end
  end
  return plan
end

-- The arguments after the program.
function VM:argv()
  return self:plan().argv
end

-- The whole command line, program first, shell-quoted.
function VM:command()
  local plan = self:plan()
  return core.command(plan.program, plan.argv)
end

-- true, or nil and the message of the first problem.
function VM:check()
  local ok, message = pcall(self.plan, self)
  if ok then
    return true
  end
  return nil, message
end

-- Checks the host for this VM: acrn-dm executable, kernel, ramdisk and disk
-- images readable.  true, or nil, message, errno.
function VM:check_host()
  return core.check_host(self:spec(), self:program())
end

-- Replaces this process with acrn-dm.  Returns only on failure: nil,
-- message, errno.
function VM:launch()
  local plan = self:plan()
  return core.exec(plan.program, plan.argv)
end

-- The slot table, as a person reads it.
function VM:__tostring()
  local ok, plan = pcall(self.plan, self)
  if not ok then
    return string.format("acrn.vm %s (invalid: %s)", show(self.name), plan)
  end
  local lines = { string.format("acrn.vm %s, target %s", plan.name, plan.target) }
  for _, placed in ipairs(plan.devices) do
    lines[#lines + 1] = "  -s " .. placed.arg
  end
  for _, warning in ipairs(plan.warnings) do
    lines[#lines + 1] = "  warning: " .. warning
  end
  return table.concat(lines, "\n")
end

-- acrn.profiles.NAME: whole VM shapes, loaded on first use.
M.profiles = setmetatable({}, {
  __index = function(profiles, name)
    if type(name) ~= "string" or not name:match("^[%w_]+$") then
      return nil
    end
    local module = "acrn.profiles." .. name
    if not package.searchpath(module, package.path) then
      return nil
    end
    local profile = core.keep_caller(require(module))
    rawset(profiles, name, profile)
    return profile
  end,
})

return M
