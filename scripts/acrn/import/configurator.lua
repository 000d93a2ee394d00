-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: the helper functions of ACRN 3.x Configurator scripts
-- (launch_script_template.sh of 3.0 to 3.3), what each prints into
-- acrn-dm's command line and the host preparation it does.  Each helper
-- is called as HELPERS.name(state, args) by acrn.import.script when the
-- script defines and calls it: `args` are its words, expanded; `state` is
-- the script's, of which a helper uses get(name) (a variable's value),
-- read(what) (a value read on the host: said, never read here) and the
-- preparation it found: taps, bridges, bound (pci-stub), offline, inputs.
-- Returns the text the helper prints.
local core = require "acrn.core"
local shell = require "acrn.import.shell"

core.internal()

local M = {}

local HELPERS = {}
M.HELPERS = HELPERS


-- The option acrn-dm spells for VM field `name` ("logger"), or for a
-- device ("device"), as the catalogue has it.
local function key_of(name)
  local catalog = core.catalog()
  for _, option in ipairs(catalog.options) do
    if option.name == name then
      return option.key
    end
  end
  for _, command in ipairs(catalog.commands) do
    if command.role == name then
      return command.key
    end
  end
  error("no option " .. name)
end

-- The words acrn-dm takes for VM field `name` = `value`, as the core
-- renders them for ACRN 3.x; or a marker when it does not take it.
local function render_option(state, name, value, what)
  local ok, argv = pcall(function()
    local acrn = require "acrn"
    local vm = acrn.vm { name = "v", target = core.default_target,
      devices = { acrn.hostbridge {} } }
    vm[name] = value
    return vm:argv()
  end)
  if not ok then
    return state:read(what)
  end
  return table.concat(argv, " ", 3, #argv - 1)
end

-- A record of option `name` from positional words, in its fields' order.
local function positional_record(name, args)
  for _, option in ipairs(core.catalog().options) do
    if option.name == name then
      local record = {}
      for i, field in ipairs(option.fields) do
        record[field.name] = math.tointeger(tonumber(args[i] or ""))
      end
      return record
    end
  end
end

-- add_cpus IDS…: --cpu_affinity with the LAPIC ids; their CPUs taken offline
-- for an RT VM, SCHED_NOOP, or a VM that owns its CPUs.
function HELPERS.add_cpus(state, args)
  if state:get("vm_type") == "RTVM" or state:get("scheduler") == "SCHED_NOOP"
    or state:get("own_pcpu") == "y" then
    state.offline.helper = true
  end
  local ids = {}
  for i, arg in ipairs(args) do
    ids[i] = math.tointeger(tonumber(arg))
  end
  return render_option(state, "cpu_affinity", { lapic_ids = ids },
    "add_cpus " .. table.concat(args, " "))
end

function HELPERS.add_interrupt_storm_monitor(state, args)
  return render_option(state, "intr_monitor", positional_record("intr_monitor", args),
    "add_interrupt_storm_monitor " .. table.concat(args, " "))
end

-- add_logger_settings NAME=LEVEL…
function HELPERS.add_logger_settings(state, args)
  local loggers = {}
  for _, conf in ipairs(args) do
    loggers[shell.remove_match(conf, "=*", false, true)] = math.tointeger(tonumber(shell.remove_match(conf,
      "*=", false)))
  end
  return render_option(state, "logger", loggers,
    "add_logger_settings " .. table.concat(args, " "))
end

-- add_virtual_device SLOT KIND [OPTIONS]: a tap created for virtio-net (on
-- acrn-br0 when it exists); virtio-input by name and physical path.
function HELPERS.add_virtual_device(state, args)
  local slot, kind, options = args[1] or "", args[2] or "", args[3]
  if kind == "virtio-net" and options then
    -- the tap it names, as acrn-dm 3.x reads the device
    local _, fields = core.scan_device(core.default_target, kind .. "," .. options)
    local tap = type(fields) == "table" and fields.tap
    if tap then
      state.taps[tap] = true
      state.bridges[tap] = "acrn-br0"
    end
  end
  if kind == "virtio-input" then
    -- the helper drops ",id:ID" and appends it as the serial; by name and
    -- physical path it finds /dev/input/eventN at launch
    local all = table.concat(args, " ", 3)
    local id = all:match(",id:([%w_%-]*)")
    local rest = all:gsub(",id:[%w_%-]*", "")
    local name, phys = rest:match("^Device name: (.*),%s*Device physical path: (.*)$")
    if name or id then
      state.inputs[#state.inputs + 1] = { slot = slot, id = id, name = name, phys = phys,
        path = not name and rest or nil }
      return "" -- the device is added from state.inputs
    end
  end
  return key_of("device") .. " " .. slot .. "," .. kind
    .. (options and options ~= "" and "," .. options or "")
end

-- add_passthrough_device SLOT BDF [OPTIONS]: bound to pci-stub first.
function HELPERS.add_passthrough_device(state, args)
  local slot, bdf, options = args[1] or "", args[2] or "", args[3]
  bdf = shell.remove_match(bdf, ",*", false, true)
  state.bound[#state.bound + 1] = bdf
  local bus, device, func = bdf:match("^%x*:?(%x+):(%x+)%.(%x)$")
  if not bus then
    return key_of("device") .. " " .. slot .. ",passthru," .. state:read("the host device " .. bdf)
  end
  return string.format("%s %s,passthru,%x/%x/%x%s", key_of("device"), slot, tonumber(bus, 16),
    tonumber(device, 16), tonumber(func, 16), options and options ~= "" and "," .. options or "")
end

function HELPERS.offline_cpus(state)
  state.offline.helper = true
  return ""
end

function HELPERS.create_tap(state, args)
  if args[1] then
    state.taps[args[1]] = true
    state.bridges[args[1]] = "acrn-br0"
  end
  return ""
end

function HELPERS.unbind_device(state, args)
  state.bound[#state.bound + 1] = args[1] or ""
  return ""
end

function HELPERS.probe_modules()
  return ""
end

return M
