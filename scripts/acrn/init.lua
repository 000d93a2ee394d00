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
local host = require "acrn.host"
local util = require "acrn.util"

local show = util.show

core.internal()

local M = {}

-- The whole catalogue as Lua tables (acrn.catalog) costs as much to build
-- as a launch, so it is built on first use; what every launch needs comes
-- from cheaper calls.
local option_names = core.option_names()
local catalog_cache

local function catalog()
  catalog_cache = catalog_cache or core.catalog()
  return catalog_cache
end

setmetatable(M, {
  __index = function(module, key)
    if key == "catalog" then
      return catalog()
    elseif key == "emulations" then
      local by_constructor = {}
      for _, emulation in ipairs(catalog().emulations) do
        by_constructor[emulation.constructor] = emulation
      end
      rawset(module, "emulations", by_constructor)
      return by_constructor
    end
    return nil
  end,
})

M.kparams = kparams
M.layout = layout
M.targets = core.targets()
M.uuid = core.uuid
M.supports = core.supports
M.version = core.version

-- What a VM gets when neither it nor anything above it says otherwise.
-- `root` is where host facts (/proc/cpuinfo) are read.
M.defaults = {
  target = core.default_target,
  dm = "/usr/bin/acrn-dm",
  acrnctl = "/usr/bin/acrnctl",
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
for _, name in ipairs(option_names) do
  vm_fields[#vm_fields + 1] = name
end
local is_vm_field = {}
for _, name in ipairs(vm_fields) do
  is_vm_field[name] = true
end

-- A VM is an empty proxy: its fields, where each was set and by which
-- layer live in `state`, out of a recipe's reach (rawset on the proxy
-- changes nothing the plan reads, and is refused there).
local VM = {}
local VM_META = { __name = "acrn.vm", __metatable = "acrn.vm" }

-- Per-VM bookkeeping: fields, their origins, where it was made, warnings,
-- and the layer that added each device.
local state = setmetatable({}, { __mode = "k" })

-- The layer whose code runs now: "recipe", "profile", "site", "adjust",
-- "command line" (acrn-launch sets it; "recipe" for plain require "acrn").
M.layer = "recipe"

-- Raises `message` at the recipe line running now.
local function fail(message)
  error(core.where() .. message, 0)
end

-- Checks that `devices` is a list of devices; returns a copy.  Problems
-- are raised at `where` (the VM's line when the plan is made), else at the
-- recipe line running now.
local function device_list(devices, where)
  local function problem(message)
    if where then
      error(where .. message, 0)
    end
    fail(message)
  end
  if type(devices) ~= "table" then
    problem("devices must be a list of devices, not " .. type(devices))
  end
  local list, count = {}, 0
  for key in next, devices do
    count = count + 1
    if math.type(key) ~= "integer" or key < 1 then
      problem("devices must be a list, without other keys (found " .. show(key) .. ")")
    end
  end
  for i = 1, count do
    local device = rawget(devices, i)
    if not core.kind(device) then
      problem(string.format("device #%d is a %s, not a device made by an acrn constructor", i,
        type(device)))
    end
    list[i] = device
  end
  return list
end

-- A message raised by a helper module without the helper's own position
-- (source "file.lua:12: "; compiled in, there is none).
local function bare(message)
  return (tostring(message):gsub("^[^\n]-%.lua:%d+: ", ""))
end

-- Records that `layer` added `devices` to `vm` (for --explain).
local function note_devices(vm, devices, layer)
  local layers = state[vm].device_layers
  for _, device in ipairs(devices) do
    layers[device] = layers[device] or layer
  end
end

-- Sets field `key` of `vm` as the current layer, at the current line.
local function set_field(vm, key, value)
  if not is_vm_field[key] then
    fail(string.format("unknown VM field %s (known: %s)", show(key),
      table.concat(vm_fields, ", ")))
  end
  local own = state[vm]
  if key == "devices" and value ~= nil then
    value = device_list(value)
    note_devices(vm, value, M.layer)
  elseif key == "bootargs" and value ~= nil and not kparams.is(value) then
    local ok, list = pcall(kparams.new, value)
    if not ok then
      fail("bootargs: " .. bare(list))
    end
    value = list
  end
  own.fields[key] = value
  own.origins[key] = { layer = M.layer, where = core.where() }
end

function VM_META.__index(vm, key)
  local method = VM[key]
  if method ~= nil then
    return method
  end
  return state[vm].fields[key]
end

VM_META.__newindex = set_field

function VM_META.__pairs(vm)
  return next, state[vm].fields, nil
end

-- acrn.vm { name = …, devices = { … }, … } -> a VM.  (Wrapped by
-- core.keep_caller so that `return acrn.vm {…}` keeps the recipe's line.)
local function new_vm(fields)
  if type(fields) ~= "table" then
    fail("acrn.vm takes a table of fields, not " .. type(fields))
  end
  local vm = setmetatable({}, VM_META)
  state[vm] = { where = core.where(), warnings = {}, fields = {}, origins = {},
    device_layers = setmetatable({}, { __mode = "k" }) }
  for key, value in next, fields do
    if not is_vm_field[key] then
      fail(string.format("acrn.vm: unknown field %s (known: %s)", show(key),
        table.concat(vm_fields, ", ")))
    end
    set_field(vm, key, value)
  end
  if state[vm].fields.devices == nil then
    set_field(vm, "devices", {})
  end
  return vm
end
M.vm = core.keep_caller(new_vm)

-- True when `value` is a VM made by acrn.vm.
function M.is_vm(value)
  return state[value] ~= nil
end

-- Appends a device; returns the VM.
function VM:add(device)
  if not core.kind(device) then
    fail("vm:add takes a device made by an acrn constructor, not " .. show(device))
  end
  local devices = state[self].fields.devices
  devices[#devices + 1] = device
  note_devices(self, { device }, M.layer)
  return self
end

-- Records a warning that the plan will carry (profiles use it).
function VM:warn(message)
  local warnings = state[self].warnings
  warnings[#warnings + 1] = message
  return self
end

-- Where field `key` was set: { layer, where }, or nil when it was not.
function VM:origin(key)
  return state[self].origins[key]
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
  local own = state[self]
  local stray = next(self)
  if stray ~= nil then
    error(string.format("%sthe VM was changed with rawset (%s): set fields as vm.%s = …",
      own.where, show(stray), tostring(stray)), 0)
  end
  local spec = {
    where = own.where,
    root = M.defaults.root,
    target = self:target_name(),
    devices = device_list(own.fields.devices or {}, own.where),
  }
  if own.fields.cpu_affinity ~= nil then
    -- LAPIC ids are host facts; without them the engine says which CPU it
    -- could not map
    spec.facts = core.host_facts(spec.root)
  end
  for _, name in ipairs(option_names) do
    spec[name] = own.fields[name]
  end
  spec.name = own.fields.name
  spec.bootargs = bootargs_text(own.fields.bootargs)
  local items = {}
  for i, device in ipairs(spec.devices) do
    items[i] = {
      kind = core.kind(device), bus = device.bus, slot = device.slot, func = device.func,
      where = core.origin(device),
    }
  end
  local placed, placements = pcall(layout.place, own.fields.layout or M.defaults.layout, items)
  if not placed then
    -- a device that found no slot is named at its own line; the rest at the VM's
    local message = tostring(placements)
    error(message:find("device #", 1, true) and message or own.where .. bare(message), 0)
  end
  spec.placements = placements
  return spec
end

-- A copy of `value` made of plain tables (devices' fields, VM fields).
local function copy_plain(value)
  if kparams.is(value) then
    return value:render()
  end
  if type(value) ~= "table" then
    return value
  end
  local copy = {}
  for key, item in next, value do
    copy[key] = copy_plain(item)
  end
  return copy
end

-- "recipe.lua:7" for a recipe line, "site.lua:12 (defaults)" for others.
local function origin_text(where, layer)
  local text = (where or ""):gsub(":%s*$", "")
  if text == "" then
    return "(" .. (layer or "built in") .. ")"
  end
  if layer and layer ~= "recipe" then
    text = text .. " (" .. layer .. ")"
  end
  return text
end

-- The checked plan: { target, name, program, argv, bootargs, devices,
-- drives, warnings, origins (per VM field: "file:line (layer)"),
-- argv_origins (the same, per argument), argv_sources (per argument: the
-- VM field or device number that made it) }; a fresh table each time.
-- Raises on any problem.
function VM:plan()
  local own = state[self]
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
    origins = {},
    argv_origins = {},
    argv_sources = built.origins,
    fields = {},
    memory_mib = spec.memory and core.memory_mib(spec.memory) or nil,
    kernel_parameters = spec.bootargs and kparams.new(spec.bootargs):list() or {},
  }
  for key, value in pairs(own.fields) do
    if key ~= "devices" then
      plan.fields[key] = copy_plain(value)
    end
  end
  plan.fields.bootargs = spec.bootargs
  for _, warning in ipairs(own.warnings) do
    plan.warnings[#plan.warnings + 1] = warning
  end
  for _, warning in ipairs(built.warnings) do
    plan.warnings[#plan.warnings + 1] = warning
  end
  for key, origin in pairs(own.origins) do
    plan.origins[key] = origin_text(origin.where, origin.layer)
  end
  for _, key in ipairs({ "target", "dm", "layout" }) do
    plan.origins[key] = plan.origins[key] or origin_text(nil, "built in")
  end
  for _, placed in ipairs(built.devices) do
    local device = spec.devices[placed.index]
    placed.origin = origin_text(core.origin(device), own.device_layers[device])
    placed.fields = copy_plain(device)
    if device.drive ~= nil then
      plan.drives[device.drive] = placed.slot
    end
  end
  local steps_ok, steps = pcall(host.steps, plan)
  if not steps_ok then
    error(own.where .. tostring(steps), 0)
  end
  plan.host = steps
  plan.root = spec.root
  local by_index = {}
  for _, placed in ipairs(built.devices) do
    by_index[placed.index] = placed.origin
  end
  for i, origin in ipairs(built.origins) do
    plan.argv_origins[i] = by_index[origin] or plan.origins[origin] or origin_text(nil, nil)
  end
  return plan
end

-- The arguments after the program (checked as for the plan, without the
-- plan's bookkeeping: origins, copies of the fields, host steps).
function VM:argv()
  return core.build(self:spec()).argv
end

-- The whole command line, program first, shell-quoted.
function VM:command()
  return core.command(self:program(), self:argv())
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
  if M.sandboxed then
    fail("vm:check_host is not available to a sandboxed recipe")
  end
  return core.check_host(self:spec(), self:program())
end

-- Replaces this process with acrn-dm.  Returns only on failure: nil,
-- message, errno.  Not for recipes run in the sandbox: there the launcher
-- alone launches, after the site's checks.
function VM:launch()
  if M.sandboxed then
    fail("vm:launch is not available to a sandboxed recipe: return the VM instead")
  end
  local plan = self:plan()
  if M.confirm_launch and not M.confirm_launch(core.command(plan.program, plan.argv)) then
    return nil, "launch cancelled", nil
  end
  return core.exec(plan.program, plan.argv)
end

-- Prepares the host (plan.host), starts acrn-dm as a child and returns its
-- handle (see doc/api.md): the VM's name is locked while it runs, and the
-- host steps are undone once the handle has seen the child exit.  nil, message, errno when the start
-- failed or a VM of that name runs (errno EBUSY).
function VM:spawn()
  if M.sandboxed then
    fail("vm:spawn is not available to a sandboxed recipe: return the VM instead")
  end
  local plan = self:plan()
  local vms = require "acrn.vms"
  local lock, message, errno = vms.take(plan)
  if not lock then
    return nil, message, errno
  end
  local prepared
  prepared, message, errno = core.host_run(plan.root, plan.host)
  if not prepared then
    lock:release()
    return nil, message, errno
  end
  local child
  child, message, errno = core.spawn(plan.program, plan.argv, lock, false, function()
    local undone, why = core.host_undo(plan.root, plan.host)
    if not undone then
      io.stderr:write("acrn-launch: could not give the host back: ", why, "\n")
    end
  end)
  if not child then
    core.host_undo(plan.root, plan.host)
    lock:release()
    return nil, message, errno
  end
  vms.record(lock, vms.state(plan, child.pid, M.recipe_path))
  return child
end

-- Puts the disk at `path` into placeholder drive `index` of the running
-- VM `name` (acrnctl blkrescan): true, output; or nil, message.
function M.blkrescan(name, index, path, acrnctl)
  return require("acrn.vms").blkrescan(name, index, path, acrnctl)
end

-- Lua source for a value, as a recipe would write it.
local function literal(value, indent)
  if kparams.is(value) then
    value = value:list()
  end
  if type(value) == "string" then
    return (string.format("%q", value):gsub("\\\n", "\\n"))
  end
  if math.type(value) == "float" then
    return string.format("%.17g", value)
  end
  if type(value) ~= "table" then
    return tostring(value)
  end
  local parts, keys = {}, {}
  for key in pairs(value) do
    keys[#keys + 1] = key
  end
  local is_list = #keys == #value
  if is_list then
    for _, item in ipairs(value) do
      parts[#parts + 1] = literal(item, indent)
    end
  else
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    for _, key in ipairs(keys) do
      local name = type(key) == "string" and key:match("^[%a_][%w_]*$") and key
        or "[" .. literal(key, indent) .. "]"
      parts[#parts + 1] = name .. " = " .. literal(value[key], indent)
    end
  end
  if #parts == 0 then
    return "{}"
  end
  return "{ " .. table.concat(parts, ", ") .. " }"
end

-- The names a constructor of `emulation` (from acrn.catalog) takes, in the
-- catalogue's order: its fields, then bus, slot and func.
function M.device_field_names(emulation)
  local names = {}
  for _, field in ipairs(emulation.fields) do
    names[#names + 1] = field.name
  end
  for _, name in ipairs({ "bus", "slot", "func" }) do
    names[#names + 1] = name
  end
  return names
end

-- One device as a constructor call, fields in the catalogue's order.
local function device_source(device)
  local emulation
  for _, candidate in ipairs(catalog().emulations) do
    if candidate.kind == core.kind(device) then
      emulation = candidate
    end
  end
  local parts = {}
  for _, name in ipairs(M.device_field_names(emulation)) do
    if device[name] ~= nil then
      parts[#parts + 1] = name .. " = " .. literal(device[name])
    end
  end
  if #parts == 0 then
    return "acrn." .. emulation.constructor .. " {}"
  end
  return "acrn." .. emulation.constructor .. " { " .. table.concat(parts, ", ") .. " }"
end

-- Lua source of a recipe that rebuilds this VM: `acrn-launch -n` renders
-- it to the same command line.
function VM:recipe()
  local own = state[self]
  local lines = { "-- Written by acrn-launch from a VM shaped at the prompt.",
    'local acrn = require "acrn"', "", "return acrn.vm {" }
  local function add(name, value)
    if value ~= nil then
      lines[#lines + 1] = "  " .. name .. " = " .. literal(value) .. ","
    end
  end
  add("name", own.fields.name)
  add("target", self:target_name())
  add("dm", own.fields.dm)
  add("layout", own.fields.layout)
  for _, name in ipairs(option_names) do
    add(name, own.fields[name])
  end
  lines[#lines + 1] = "  devices = {"
  for _, device in ipairs(own.fields.devices or {}) do
    lines[#lines + 1] = "    " .. device_source(device) .. ","
  end
  lines[#lines + 1] = "  },"
  lines[#lines + 1] = "}"
  return table.concat(lines, "\n") .. "\n"
end

-- Writes vm:recipe() to `path`: true, or nil and the message.
function VM:save(path)
  if M.sandboxed then
    fail("vm:save is not available to a sandboxed recipe")
  end
  local file, message = io.open(path, "w")
  if not file then
    return nil, message
  end
  local ok, problem = file:write(self:recipe())
  file:close()
  if not ok then
    return nil, problem
  end
  return true
end

-- The plan as JSON (doc/plan-json.md).
function VM:json()
  local plan = self:plan()
  return require("acrn.json").encode(plan, core.command(plan.program, plan.argv))
end

-- The names of a VM's methods, sorted (for completion).
function M.vm_methods()
  return util.sorted_keys(VM)
end

-- The slot table, as a person reads it.
function VM_META.__tostring(vm)
  local ok, plan = pcall(vm.plan, vm)
  if not ok then
    return string.format("acrn.vm %s (invalid: %s)", show(vm.name), plan)
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

-- True when `key` is a field a VM may have.
function M.is_vm_field(key)
  return is_vm_field[key] == true
end

-- For the site layer (acrn.site): set a field without the checks and
-- origin of an assignment.  `origin` is { layer, where }; nil keeps the
-- field's origin (or, for a field that had none, says "defaults").
M.internal = {}

function M.internal.set(vm, key, value, origin)
  local own = state[vm]
  own.fields[key] = value
  own.origins[key] = origin or own.origins[key] or { layer = "defaults" }
end

-- A fresh VM with `vm`'s fields passed through `copy(value, name)`, its
-- origins, warnings and device layers: how the sandbox hands a recipe's VM
-- to trusted code.  Refuses a VM changed with rawset.
function M.internal.rebuild(vm, copy)
  local own = state[vm]
  local stray = next(vm)
  if stray ~= nil then
    error(string.format("%sthe VM was changed with rawset (%s)", own.where, show(stray)), 0)
  end
  local fresh = setmetatable({}, VM_META)
  state[fresh] = { where = own.where, warnings = {}, fields = {}, origins = {},
    device_layers = setmetatable({}, { __mode = "k" }) }
  local new = state[fresh]
  for key, value in next, own.fields do
    new.fields[key] = copy(value, key)
    new.origins[key] = own.origins[key]
  end
  for i, warning in ipairs(own.warnings) do
    new.warnings[i] = tostring(warning)
  end
  for device, layer in next, own.device_layers do
    new.device_layers[device] = layer
  end
  return fresh
end

-- Lua source for a value (strings, numbers, booleans, tables).
function M.internal.literal(value)
  return literal(value)
end

-- Records that `layer` added `devices` (for --explain).
function M.internal.note_devices(vm, devices, layer)
  note_devices(vm, devices, layer)
end

-- Profiles a site declares, by name (acrn-launch fills it from site.lua).
M.site_profiles = {}

-- acrn.profile("name", inputs) -> the VM the profile builds: the site's
-- profile of that name, else the shipped acrn.profiles.NAME.
local function profile(name, inputs)
  local build = M.site_profiles[name] or M.profiles[name]
  if not build then
    fail(string.format("acrn.profile: no profile %s", show(name)))
  end
  local outer = M.layer
  M.layer = "profile"
  local ok, vm = pcall(build, inputs)
  M.layer = outer
  if not ok then
    error(vm, 0)
  end
  if not M.is_vm(vm) then
    fail(string.format("profile %s returned a %s, not a VM", show(name), type(vm)))
  end
  return vm
end
M.profile = core.keep_caller(profile)

-- acrn.profiles.NAME: whole VM shapes, loaded on first use.
M.profiles = setmetatable({}, {
  __index = function(profiles, name)
    if type(name) ~= "string" or not name:match("^[%w_]+$") then
      return nil
    end
    local module = "acrn.profiles." .. name
    local found, loaded = pcall(require, module)
    if not found then
      if tostring(loaded):find("module '" .. module .. "' not found", 1, true) then
        return nil
      end
      error(loaded, 0)
    end
    local wrapped = core.keep_caller(loaded)
    rawset(profiles, name, wrapped)
    return wrapped
  end,
})

return M
