-- SPDX-License-Identifier: Apache-2.0
-- Plans as JSON, for the programs around acrn-launch: the schema is
-- documented in doc/plan-json.md and only grows (fields are added, never
-- renamed).  Encoding is dkjson's (Debian's lua-dkjson): escaping,
-- UTF-8 and key order are its business, not ours.
local dkjson = require "dkjson"

local M = {}

M.SCHEMA = 2

-- The order keys are written in, so that the output is stable.
-- The plan's own keys, then every field name of the catalogue in its order.
local KEY_ORDER = {
  "schema", "target", "name", "program", "argv", "command", "memory_mib", "bootargs",
  "kernel_parameters", "devices", "drives", "warnings", "index", "kind", "bus", "slot",
  "func", "arg", "origin", "fields", "origins", "argv_origins", "host", "step", "object",
  "detail", "does", "state", "undo",
}

-- Appends the names of `fields` (and of their tables' fields) to KEY_ORDER.
local function order_fields(fields, seen)
  for _, field in ipairs(fields) do
    if not seen[field.name] then
      seen[field.name] = true
      KEY_ORDER[#KEY_ORDER + 1] = field.name
    end
    order_fields(field.fields or {}, seen)
  end
end

do
  local catalog = require("acrn").catalog
  local seen = {}
  for _, key in ipairs(KEY_ORDER) do
    seen[key] = true
  end
  -- every key once: a key written twice makes a JSON text strict readers
  -- refuse (RFC 8259 wants names unique)
  for _, name in ipairs({ "name", "target", "dm", "layout", "devices" }) do
    if not seen[name] then
      seen[name] = true
      KEY_ORDER[#KEY_ORDER + 1] = name
    end
  end
  order_fields(catalog.options, seen)
  for _, emulation in ipairs(catalog.emulations) do
    order_fields(emulation.fields, seen)
  end
end

local function array(list)
  return setmetatable(list or {}, { __jsontype = "array" })
end

-- A JSON object from a Lua table (keys become strings).
local function object(map)
  local copy = {}
  for key, value in pairs(map or {}) do
    copy[tostring(key)] = value
  end
  return setmetatable(copy, { __jsontype = "object" })
end

-- A value of a device's or VM's fields: tables stay tables, lists arrays.
local function value(item)
  if type(item) ~= "table" then
    return item
  end
  local count, copy = 0, {}
  for key, inner in pairs(item) do
    count = count + 1
    copy[key] = value(inner)
  end
  if count == #item and count > 0 then
    return array(copy)
  end
  return object(copy)
end

-- ---------------------------------------------------------------------------
-- list --json and status --json: one object each, keys in this order, with
-- a schema number that only grows (doc/plan-json.md)

M.VM_SCHEMA = 1

local VM_KEYS = { "schema", "name", "state", "pid", "started", "uptime", "recipe", "target",
  "program", "argv", "hash", "drift", "drift_reason", "rendered_hash", "ended_by", "host",
  "vms", "step", "object", "detail", "undo" }

-- A launched VM's state as a table for VM_KEYS: `record` as lifecycle
-- keeps it, `state` "running" or "stopped" (host steps wait for release).
function M.vm_entry(record, state, now)
  local host = array()
  for _, step in ipairs(record.steps or {}) do
    host[#host + 1] = { step = step.step, object = step.object, detail = step.detail,
      state = step.state, undo = step.undo }
  end
  return {
    name = record.name, state = state,
    pid = state == "running" and record.pid or nil,
    started = record.started,
    uptime = state == "running" and record.started and math.max(0, now - record.started) or nil,
    recipe = record.recipe, target = record.target, program = record.program,
    argv = array({ table.unpack(record.argv or {}) }), hash = record.hash,
    ended_by = record.ended_by, host = host,
  }
end

-- `list --json`: { schema, vms = [ entries ] }.
function M.encode_list(entries)
  return dkjson.encode({ schema = M.VM_SCHEMA, vms = array(entries) },
    { indent = true, keyorder = VM_KEYS })
end

-- `status --json`: one entry with its schema (and drift when it runs).
function M.encode_status(entry)
  entry.schema = M.VM_SCHEMA
  if entry.drift == nil and entry.state == "running" then
    entry.drift = dkjson.null
  end
  return dkjson.encode(entry, { indent = true, keyorder = VM_KEYS })
end

-- The plan as a JSON text.
function M.encode(plan, command)
  local devices = array()
  for i, device in ipairs(plan.devices) do
    devices[i] = {
      index = device.index, kind = device.kind, bus = device.bus, slot = device.slot,
      func = device.func, arg = device.arg, origin = device.origin,
      fields = value(device.fields) or object(),
    }
  end
  local fields = object()
  for key, item in pairs(plan.fields or {}) do
    fields[key] = value(item)
  end
  local document = {
    schema = M.SCHEMA,
    target = plan.target,
    name = plan.name,
    program = plan.program,
    argv = array({ table.unpack(plan.argv) }),
    command = command,
    memory_mib = plan.memory_mib,
    bootargs = plan.bootargs,
    kernel_parameters = array({ table.unpack(plan.kernel_parameters or {}) }),
    devices = devices,
    drives = object(plan.drives),
    warnings = array({ table.unpack(plan.warnings) }),
    fields = fields,
    origins = object(plan.origins),
    argv_origins = array({ table.unpack(plan.argv_origins or {}) }),
    host = array({ table.unpack(plan.host or {}) }),
  }
  return dkjson.encode(document, { indent = true, keyorder = KEY_ORDER })
end

return M
