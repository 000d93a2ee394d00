-- SPDX-License-Identifier: Apache-2.0
-- The checked plan as a table for people and policies: what vm:plan()
-- returns, what --explain prints, --json encodes and a site's check reads.
-- Made only for those who read it: a launch does not load this module.
local core = require "acrn.core"

local M = {}

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

-- The core plan `built` as { target, name, program, argv, bootargs,
-- devices, drives, warnings, origins (per VM field: "file:line (layer)"),
-- argv_origins (the same, per argument), argv_sources (per argument: the
-- VM field or device number that made it), fields, memory_mib,
-- kernel_parameters, host (the steps), host_paths }.  `from` is what acrn
-- knows of it: the VM and the spec it was built from, the VM's own state
-- (fields, origins, device_layers), its warnings, and the copy that makes
-- plain tables of field values.
function M.make(built, from)
  local vm, spec, own = from.vm, from.spec, from.own
  local plan = {
    target = spec.target,
    name = spec.name,
    program = vm:program(),
    argv = built:argv(),
    bootargs = spec.bootargs,
    devices = built:devices(),
    drives = {},
    warnings = from.warnings,
    origins = {},
    argv_origins = {},
    argv_sources = built:origins(),
    fields = {},
    memory_mib = spec.memory and core.memory_mib(spec.memory) or nil,
    kernel_parameters = spec.bootargs and require("acrn.kparams").new(spec.bootargs):list()
      or {},
    host = built:steps(),
    -- every path on the host the VM names, of every device kind and VM
    -- field: { owner, device, field, path, need }, for the site's check
    host_paths = built:host_paths(),
  }
  for key, value in pairs(own.fields) do
    if key ~= "devices" then
      plan.fields[key] = from.copy(value)
    end
  end
  plan.fields.bootargs = spec.bootargs
  for key, origin in pairs(own.origins) do
    plan.origins[key] = origin_text(origin.where, origin.layer)
  end
  for _, key in ipairs({ "target", "dm", "layout" }) do
    plan.origins[key] = plan.origins[key] or origin_text(nil, "built in")
  end
  for _, placed in ipairs(plan.devices) do
    local device = spec.devices[placed.index]
    local source = spec.sources[placed.index] or device
    placed.origin = origin_text(core.origin(device), own.device_layers[source])
    placed.fields = from.copy(device)
  end
  for _, drive in ipairs(built:drives()) do
    plan.drives[drive.index] = drive.slot
  end
  local by_index = {}
  for _, placed in ipairs(plan.devices) do
    by_index[placed.index] = placed.origin
  end
  for i, origin in ipairs(plan.argv_sources) do
    plan.argv_origins[i] = by_index[origin] or plan.origins[origin] or origin_text(nil, nil)
  end
  return plan
end

return M
