-- SPDX-License-Identifier: Apache-2.0
-- require "acrn": device constructors, acrn.vm and the VM's methods.
--
-- A VM is a table of fields (name, target, memory, …, devices) with methods.
-- Turning it into a plan is one trip into C: the layout policy gives every
-- device a slot, then core.build checks the whole VM against the target's
-- grammar and returns the plan, which owns a checked copy of the VM: its
-- argv, its host steps, its host checks and its exec are the plan's.
local core = require "acrn.core"
local errors = require "acrn.errors"
local layout = require "acrn.layout"
local sessions = require "acrn.session"
local util = require "acrn.util"

local show = util.show

-- Kernel parameter lists and host text are known by identity in their own
-- modules, which are loaded once a value may be one (its metatable says
-- so; a table that only says so is not one): a VM with neither never loads
-- them.
local function kparams()
  return require "acrn.kparams"
end
local function host_text()
  return require "acrn.host_text"
end
local function is_kparams(value)
  return getmetatable(value) == "acrn.kparams" and kparams().is(value)
end
local function is_host_text(value)
  return getmetatable(value) == "acrn.host_text" and host_text().is(value)
end

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
    elseif key == "kparams" then
      rawset(module, "kparams", kparams())
      return module.kparams
    elseif key == "host_file" then
      rawset(module, "host_file", host_text().file)
      return module.host_file
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

M.layout = layout
M.session = sessions
M.targets = core.targets()
M.uuid = core.uuid
M.supports = core.supports
M.accepts = core.accepts
M.version = core.version

-- What a VM gets when neither it nor anything above it says otherwise: the
-- current session's target, dm, acrnctl, layout and root (read-only).
M.defaults = setmetatable({}, {
  __index = function(_, key)
    return sessions.current()[key]
  end,
  __newindex = function(_, key)
    error(string.format("acrn.defaults is read-only (%s): a session says them", tostring(key)),
      2)
  end,
  __pairs = function()
    return pairs(sessions.current())
  end,
})

local probed = {}

-- The concrete target for `target` (default: the session's): "auto" runs
-- `program -v` once per program and maps its answer to a release.  Also
-- returns what the answer leaves to say (nil: nothing).
function M.resolve_target(target, program)
  target = target or sessions.current().target
  if target ~= "auto" then
    return target
  end
  if M.sandboxed then
    -- a confined recipe runs no program: the launcher asks once the recipe
    -- has returned and the site has had its say about the program
    error(core.where() .. "target \"auto\" is not resolved inside the sandbox: return the VM, "
      .. "and the launcher resolves it", 0)
  end
  program = program or sessions.current().dm
  if not probed[program] then
    local found, message = core.probe(program)
    if not found then
      error(core.where() .. "target \"auto\": " .. message, 0)
    end
    probed[program] = { found, message }
  end
  return probed[program][1], probed[program][2]
end

for name, constructor in pairs(core.constructors) do
  M[name] = constructor
end

-- The fields a VM may have: acrn-launch's own, then the catalogue's options.
local vm_fields = { "name", "target", "dm", "layout", "devices" }
for _, name in ipairs(option_names) do
  vm_fields[#vm_fields + 1] = name
end
local is_vm_field, is_option = {}, {}
for _, name in ipairs(vm_fields) do
  is_vm_field[name] = true
end
for _, name in ipairs(option_names) do
  is_option[name] = true
end

-- A VM is an empty proxy: its fields, where each was set and by which
-- layer live in `state`, out of a recipe's reach (rawset on the proxy
-- changes nothing the plan reads, and is refused there).
local VM = {}
local VM_META = { __name = "acrn.vm", __metatable = "acrn.vm" }

-- Per VM: fields, their origins, where it was made, warnings, the layer
-- that added each device.  A VM seen through another layer (the site's
-- adjust) is another proxy with the same state; `layers` says whose it is.
local state = setmetatable({}, { __mode = "k" })
local layers = setmetatable({}, { __mode = "k" })
-- Per core plan VM:build made: the VM and the spec it was built from (the
-- table form of the plan reads them).
local built_from = setmetatable({}, { __mode = "k" })

-- Raises `message` at the recipe line running now.
local function fail(message)
  error(core.where() .. message, 0)
end

-- Checks that `devices` is a list of devices; returns a copy and their
-- kinds.  Problems
-- are raised at `where` (the VM's line when the plan is made), else at the
-- recipe line running now.
local function device_list(devices, where)
  local function problem(message)
    errors.raise(where or core.where(), "%s", message)
  end
  if type(devices) ~= "table" then
    problem("devices must be a list of devices, not " .. type(devices))
  end
  local list, kinds, count = {}, {}, 0
  for key in next, devices do
    count = count + 1
    if math.type(key) ~= "integer" or key < 1 then
      problem("devices must be a list, without other keys (found " .. show(key) .. ")")
    end
  end
  for i = 1, count do
    local device = rawget(devices, i)
    local kind = core.kind(device)
    if not kind then
      problem(string.format("device #%d is a %s, not a device made by an acrn constructor", i,
        type(device)))
    end
    list[i], kinds[i] = device, kind
  end
  return list, kinds
end

-- Records that `layer` added `devices` to `vm` (for --explain).
local function note_devices(vm, devices, layer)
  local device_layers = state[vm].device_layers
  for _, device in ipairs(devices) do
    device_layers[device] = device_layers[device] or layer
  end
end

-- Sets field `key` of `vm` as the proxy's layer, at the current line; or
-- with `origin` ({ layer, where }, shared by the fields of one acrn.vm
-- call: a VM holds one table for them all).
local function set_field(vm, key, value, origin)
  if not is_vm_field[key] then
    fail(string.format("unknown VM field %s (known: %s)", show(key),
      table.concat(vm_fields, ", ")))
  end
  local own = state[vm]
  local layer = layers[vm] or "recipe"
  if key == "devices" and value ~= nil then
    value = device_list(value)
    note_devices(vm, value, layer)
  elseif key == "bootargs" and value ~= nil and not is_kparams(value)
    and not is_host_text(value) then
    local ok, list = pcall(kparams().new, value)
    if not ok then
      fail("bootargs: " .. errors.text(list):gsub("^kparams: ", ""))
    end
    value = list
  end
  own.fields[key] = value
  own.origins[key] = origin or { layer = layer, where = core.where() }
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

local function new_state(where)
  return { where = where, warnings = {}, fields = {}, origins = {},
    device_layers = setmetatable({}, { __mode = "k" }) }
end

-- acrn.vm { name = …, devices = { … }, … } -> a VM.  (Wrapped by
-- core.keep_caller so that `return acrn.vm {…}` keeps the recipe's line.)
local function new_vm(fields)
  if type(fields) ~= "table" then
    fail("acrn.vm takes a table of fields, not " .. type(fields))
  end
  local vm = setmetatable({}, VM_META)
  local where = core.where() -- every field's place: the acrn.vm call's line
  state[vm] = new_state(where)
  local origin = { layer = "recipe", where = where }
  for key, value in next, fields do
    if not is_vm_field[key] then
      fail(string.format("acrn.vm: unknown field %s (known: %s)", show(key),
        table.concat(vm_fields, ", ")))
    end
    set_field(vm, key, value, origin)
  end
  if state[vm].fields.devices == nil then
    set_field(vm, "devices", {}, origin)
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
  note_devices(self, { device }, layers[self] or "recipe")
  return self
end

-- Takes a device out of the VM: the same table `add` or the recipe put in,
-- or its number in vm.devices; returns the VM, or raises when it has no
-- such device.
function VM:remove(device)
  local devices = state[self].fields.devices
  if math.type(device) == "integer" and devices[device] then
    table.remove(devices, device)
    return self
  end
  for i = 1, #devices do
    if rawequal(devices[i], device) then
      table.remove(devices, i)
      return self
    end
  end
  fail("vm:remove: the VM has no such device " .. tostring(device))
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

-- Whether the acrn-dm this VM runs is one a sandboxed recipe (or a profile
-- it called) named: such a program runs only once the site has seen it.
local function program_is_recipes(vm)
  local own = state[vm]
  local origin = own.origins.dm
  return own.untrusted == true and own.fields.dm ~= nil and origin ~= nil
    and (origin.layer == "recipe" or origin.layer == "profile")
end

-- The target this VM is built for ("auto" asks its acrn-dm, once).
function VM:target_name()
  local target = self.target or sessions.current().target
  if target == "auto" and program_is_recipes(self) then
    local own = state[self]
    errors.raise(own.origins.dm.where, "target \"auto\" would run the recipe's own acrn-dm %s "
      .. "to ask its release before the site policy has seen it: name the target, or let "
      .. "the site or the command line name acrn-dm", show(self.dm))
  end
  return M.resolve_target(target, self:program())
end

-- The acrn-dm a launch would run.
function VM:program()
  return self.dm or sessions.current().dm
end

-- The kernel command line as one string, or nil when there is none.
local function bootargs_text(bootargs)
  if bootargs == nil then
    return nil
  end
  local text = is_kparams(bootargs) and bootargs:render() or kparams().new(bootargs):render()
  if text == "" then
    return nil
  end
  return text
end

-- Where each VM field was set, for the core's messages: the line of the
-- field itself where the recipe wrote it in its acrn.vm call (found in the
-- source on the error path only), else the line that set it.
local function field_places(own)
  return setmetatable({}, {
    __index = function(places, key)
      local origin = own.origins[key]
      local where = origin and origin.where or own.where
      if origin and origin.where == own.where then
        where = errors.field_line(where, key)
      end
      rawset(places, key, where)
      return where
    end,
  })
end

-- Reads host files for `session` (acrn.host_file), each pattern once.
local function host_reader(session)
  local read = {}
  return function(pattern)
    read[pattern] = read[pattern] or table.pack(core.host_file(session.root, pattern))
    return table.unpack(read[pattern], 1, 2)
  end
end

-- Sets in `spec` the VM's fields and devices with the text read on the host
-- at launch (acrn.host_file) in place of each host text, read under the
-- session's root; where a problem is and what it concerns are found only
-- for a problem.  spec.sources[i]: the recipe's device where a resolved
-- copy stands for it.
local function resolve_host_text(spec, own, places, session)
  local read
  local function resolved(value, place, what)
    read = read or host_reader(session)
    local text, why = host_text().resolve(value, read)
    if not text then
      errors.raise(place(), "%s: %s", what(), why)
    end
    return text
  end
  local fields = own.fields
  for _, name in ipairs(option_names) do
    local value = fields[name]
    if is_host_text(value) then
      value = resolved(value, function() return places[name] end, function() return name end)
    end
    spec[name] = value
  end
  for _, name in ipairs({ "name", "bootargs" }) do
    if is_host_text(fields[name]) then
      spec[name] = resolved(fields[name], function() return places[name] end,
        function() return name end)
    else
      spec[name] = fields[name]
    end
  end
  spec.sources = {}
  for i, device in ipairs(spec.devices) do
    local copied
    for key, value in next, device do
      if is_host_text(value) then
        if not copied then
          copied = {}
          for field, item in next, device do
            copied[field] = item
          end
        end
        copied[key] = resolved(value, function() return core.origin(device) end, function()
          return string.format("device #%d (%s): %s", i, core.kind(device), key)
        end)
      end
    end
    if copied then
      spec.devices[i] = core.make_device(core.kind(device), copied, core.origin(device))
      spec.sources[i] = device
    end
  end
end

-- The table core.build reads: the VM's fields, each device's placement
-- from the layout policy, the host facts, and where to blame problems.
-- `session` (default: the current one) says where host facts are read.
function VM:spec(session)
  session = session or sessions.current()
  local own = state[self]
  local stray = next(self)
  if stray ~= nil then
    errors.raise(own.where, "the VM was changed with rawset (%s): set fields as vm.%s = …",
      show(stray), tostring(stray))
  end
  local places = field_places(own)
  local program = self:program()
  if type(program) ~= "string" or program == "" or program:find("%c") then
    -- it is printed (-n, the log line) and run: a terminal must not act on it
    errors.raise(own.fields.dm ~= nil and places.dm or own.where, "dm must be the path of "
      .. "acrn-dm, without control characters, not %s", show(program))
  end
  local devices, kinds = device_list(own.fields.devices or {}, own.where)
  local spec = {
    where = own.where,
    places = places,
    target = self:target_name(),
    devices = devices,
  }
  local fields = own.fields
  if package.loaded["acrn.host_text"] then
    resolve_host_text(spec, own, places, session)
  else
    -- no host text was made (its module makes it): the fields as they are
    for key, value in next, fields do
      if is_option[key] or key == "name" then
        spec[key] = value
      end
    end
    spec.sources = {}
  end
  spec.bootargs = bootargs_text(spec.bootargs)
  -- each device's kind, placement and place, for the layout; whether a
  -- virtio-input is found at launch (by name), which needs the input
  -- devices the host lists
  local items, inputs = {}, false
  for i, device in ipairs(spec.devices) do
    local kind = kinds[i]
    inputs = inputs or (kind == "virtio-input" and device.name ~= nil)
    items[i] = {
      kind = kind, bus = device.bus, slot = device.slot, func = device.func,
      where = core.origin(device),
    }
  end
  if own.fields.cpu_affinity ~= nil or inputs then
    -- LAPIC ids are host facts: the online CPUs, and those launches took
    -- offline; without them the engine says which CPU it could not map
    spec.facts = core.host_facts(session.root,
      require("acrn.lifecycle").recorded_cpus(session), inputs)
  end
  -- the slots raw -s arguments take (a raw item that is no string is the
  -- core's to refuse, at its line)
  local raw_words = {}
  for _, word in ipairs(type(spec.raw) == "table" and spec.raw or {}) do
    raw_words[#raw_words + 1] = type(word) == "string" and word or ""
  end
  local raw = #raw_words > 0 and core.raw_slots(raw_words) or {}
  local placed, placements = pcall(layout.place, own.fields.layout or session.layout, items, raw)
  if not placed then
    -- a device that found no slot is named at its own line; the rest at the VM's
    error(errors.at(placements, own.where), 0)
  end
  spec.placements = placements
  return spec
end

-- The checked plan of this VM in `session` (default: the current one): a
-- core plan (argv, steps, consoles, drives, check_host, exec).  Raises at
-- the recipe line of any problem.
function VM:build(session)
  local spec = self:spec(session)
  local built = core.build(spec)
  built_from[built] = { vm = self, spec = spec }
  return built
end

-- A copy of `value` made of plain tables (devices' fields, VM fields):
-- kernel parameters as their text, and host text as its source, or kept
-- as it is with `host_text_kept` (for the recipe writer).
local function copy_plain(value, host_text_kept)
  return util.copy(value, function(item)
    if is_kparams(item) then
      return item:render()
    elseif is_host_text(item) then
      return host_text_kept and item or tostring(item)
    end
  end)
end

-- What is worth saying about the core plan `built` (made by VM:build):
-- the VM's own warnings, what target "auto" found, the core's warnings.
local function plan_warnings(built)
  local vm = built_from[built].vm
  local warnings = {}
  for _, warning in ipairs(state[vm].warnings) do
    warnings[#warnings + 1] = warning
  end
  local _, note = M.resolve_target(vm.target, vm:program())
  if note then
    warnings[#warnings + 1] = note
  end
  for _, warning in ipairs(built:warnings()) do
    warnings[#warnings + 1] = warning
  end
  return warnings
end

-- The core plan `built` (made by VM:build) as a table for people and
-- policies (acrn.plan_table): a fresh table each time.
local function plan_table(built)
  local from = built_from[built]
  return require("acrn.plan_table").make(built, {
    vm = from.vm, spec = from.spec, own = state[from.vm],
    warnings = plan_warnings(built), copy = copy_plain,
  })
end

-- The checked plan as a table (see plan_table), built in `session`
-- (default: the current one).  Raises on any problem.
function VM:plan(session)
  return plan_table(self:build(session))
end

-- The arguments after the program.
function VM:argv()
  return self:build():argv()
end

-- The whole command line, program first, shell-quoted.
function VM:command()
  return self:build():command(self:program())
end

-- true, or nil and the message of the first problem.
function VM:check()
  local ok, message = pcall(self.build, self)
  if ok then
    return true
  end
  return nil, errors.text(message)
end

-- Checks the host for this VM: acrn-dm executable, kernel, ramdisk and disk
-- images readable, consoles' places, the host steps' preconditions.  true,
-- or nil, message, errno.
function VM:check_host(session)
  if M.sandboxed then
    fail("vm:check_host is not available to a sandboxed recipe")
  end
  session = session or sessions.current()
  return self:build(session):check_host(self:program(), session.root)
end

-- Replaces this process with acrn-dm (taking the VM's lock and preparing
-- the host first).  Returns only on failure: nil, message, errno.  Not for
-- recipes run in the sandbox: there the launcher alone launches, after the
-- site's checks.
function VM:launch()
  if M.sandboxed then
    fail("vm:launch is not available to a sandboxed recipe: return the VM instead")
  end
  if M.confirm_launch and not M.confirm_launch(self:command()) then
    return nil, "launch cancelled", nil
  end
  return require("acrn.lifecycle").launch(sessions.current(), self, "exec")
end

-- Prepares the host, starts acrn-dm as a child and returns its handle
-- (see doc/api.md): the VM's name is locked while it runs, and the host
-- steps are undone once the handle has seen the child exit.  nil, message,
-- errno when the start failed or a VM of that name runs (errno EBUSY).
function VM:spawn()
  if M.sandboxed then
    fail("vm:spawn is not available to a sandboxed recipe: return the VM instead")
  end
  local child, message, code = require("acrn.lifecycle").launch(sessions.current(), self,
    "spawn", function(text) io.stderr:write("acrn-launch: ", text, "\n") end)
  return child, message, code
end

-- Puts the disk at `path` into placeholder drive `index` of the running
-- VM `name` (acrnctl blkrescan): true, output; or nil, message.
function M.blkrescan(name, index, path)
  if M.sandboxed then
    fail("acrn.blkrescan is not available to a sandboxed recipe")
  end
  return require("acrn.running").blkrescan(sessions.current(), name, index, path)
end

-- A plain description of this VM, as acrn.recipe writes recipes from.
function VM:description()
  local own = state[self]
  local description = {
    name = own.fields.name, target = self:target_name(), dm = own.fields.dm,
    layout = own.fields.layout, fields = {}, devices = {},
  }
  for _, name in ipairs(option_names) do
    local value = own.fields[name]
    if is_kparams(value) then
      value = value:list()
    end
    description.fields[name] = copy_plain(value, true)
  end
  if description.fields.raw then
    description.raw = { { words = description.fields.raw, why = "the VM's raw arguments" } }
    description.fields.raw = nil
  end
  local constructors = {}
  for _, emulation in ipairs(M.catalog.emulations) do
    constructors[emulation.kind] = emulation.constructor
  end
  for i, device in ipairs(own.fields.devices or {}) do
    local entry = { constructor = constructors[core.kind(device)], fields = {} }
    for key, value in pairs(device) do
      if key == "bus" or key == "slot" or key == "func" then
        entry[key] = value
      else
        entry.fields[key] = copy_plain(value, true)
      end
    end
    description.devices[i] = entry
  end
  return description
end

-- Lua source of a recipe that rebuilds this VM: `acrn-launch -n` renders
-- it to the same command line.
function VM:recipe()
  local description = self:description()
  description.header = { "Written by acrn-launch from a VM shaped at the prompt." }
  return require("acrn.recipe").text(description)
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
  local ok, plan = pcall(vm.build, vm)
  if not ok then
    return string.format("acrn.vm %s (invalid: %s)", show(vm.name), errors.text(plan))
  end
  local lines = { string.format("acrn.vm %s, target %s", plan:name(), plan:target()) }
  for _, placed in ipairs(plan:devices()) do
    lines[#lines + 1] = "  -s " .. placed.arg
  end
  for _, warning in ipairs(plan:warnings()) do
    lines[#lines + 1] = "  warning: " .. warning
  end
  return table.concat(lines, "\n")
end

-- True when `key` is a field a VM may have.
function M.is_vm_field(key)
  return is_vm_field[key] == true
end

-- For the layers above the recipe (acrn.site, the command line), not for
-- recipes (the sandbox hides it).
M.internal = {}

-- Sets a field without the checks and origin of an assignment: `origin` is
-- { layer, where }; nil keeps the field's origin (or says "defaults").
function M.internal.set(vm, key, value, origin)
  local own = state[vm]
  own.fields[key] = value
  own.origins[key] = origin or own.origins[key] or { layer = "defaults" }
end

-- The same VM seen through `layer`: what is set through it is that
-- layer's ("adjust").
function M.internal.as_layer(vm, layer)
  local view = setmetatable({}, VM_META)
  state[view] = state[vm]
  layers[view] = layer
  return view
end

-- What a VM made in the sandbox is, as plain data for the launcher (see
-- acrn.sandbox): where it was made, its fields as they are, where each was
-- set and by which layer, the layer of each device, its warnings.  Refuses
-- a VM changed with rawset.
function M.internal.describe(vm)
  local own = state[vm]
  local stray = next(vm)
  if stray ~= nil then
    errors.raise(own.where, "the VM was changed with rawset (%s)", show(stray))
  end
  local description = { where = own.where, fields = {}, origins = {}, layers = {},
    warnings = {} }
  for key, value in next, own.fields do
    description.fields[key] = value
    local origin = own.origins[key] or {}
    description.origins[key] = { layer = origin.layer or "recipe", where = origin.where or "" }
  end
  for i, device in ipairs(own.fields.devices or {}) do
    description.layers[i] = own.device_layers[device] or "recipe"
  end
  for i, warning in ipairs(own.warnings) do
    description.warnings[i] = tostring(warning)
  end
  return description
end

-- The VM a sandboxed recipe described (what describe gave, sent back as
-- data and its shape checked by acrn.sandbox): a fresh VM whose values are
-- checked like any recipe's when it is built, and which is marked as the
-- recipe's, so that the acrn-dm it names runs for nothing before the site
-- has seen it (see program_is_recipes).
function M.internal.restore(description)
  local vm = setmetatable({}, VM_META)
  state[vm] = new_state(description.where)
  local own = state[vm]
  own.untrusted = true
  for key, value in pairs(description.fields) do
    local origin = description.origins[key]
    if not is_vm_field[key] or not origin then
      errors.raise(description.where, "the sandbox sent an unknown VM field %s", show(key))
    end
    if key == "devices" then
      value = device_list(value, origin.where)
    elseif key == "bootargs" and not is_kparams(value) then
      local ok, list = pcall(kparams().new, value)
      if not ok then
        errors.raise(origin.where, "bootargs: %s", (errors.text(list):gsub("^kparams: ", "")))
      end
      value = list
    end
    own.fields[key] = value
    own.origins[key] = { layer = origin.layer, where = origin.where }
  end
  if own.fields.devices == nil then
    own.fields.devices = {}
  end
  for i, device in ipairs(own.fields.devices) do
    own.device_layers[device] = description.layers[i] or "recipe"
  end
  for i, warning in ipairs(description.warnings) do
    own.warnings[i] = warning
  end
  return vm
end

-- What a core plan made by vm:build says is worth saying (a list), and the
-- plan as the table vm:plan returns: a launch builds once, and makes the
-- table only for those who read it (--explain, --json, a site's check).
M.internal.warnings = plan_warnings
M.internal.plan_table = plan_table

-- Records that `layer` added `devices` (for --explain).
function M.internal.note_devices(vm, devices, layer)
  note_devices(vm, devices, layer)
end

-- Profiles a site declares, by name (acrn-launch fills it from site.lua).
M.site_profiles = {}

-- acrn.profile("name", inputs) -> the VM the profile builds: the site's
-- profile of that name, else the shipped acrn.profiles.NAME.  What the
-- profile set is the profile's layer.
local function profile(name, inputs)
  local build = M.site_profiles[name] or M.profiles[name]
  if not build then
    fail(string.format("acrn.profile: no profile %s", show(name)))
  end
  local vm = build(inputs)
  if not M.is_vm(vm) then
    fail(string.format("profile %s returned a %s, not a VM", show(name), type(vm)))
  end
  local own = state[vm]
  for _, origin in pairs(own.origins) do
    if origin.layer == "recipe" then
      origin.layer = "profile"
    end
  end
  for device, layer in pairs(own.device_layers) do
    if layer == "recipe" then
      own.device_layers[device] = "profile"
    end
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
