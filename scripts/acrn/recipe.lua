-- SPDX-License-Identifier: Apache-2.0
-- Recipes as text: a plain description of a VM becomes the Lua source of a
-- recipe that builds it, for vm:recipe()/vm:save() and for import.  The
-- description: { name, target, dm, layout, fields = { VM field -> value },
-- devices = { { kind, fields = { field -> value, bus, slot, func } } },
-- comments = { VM field or device number -> text } }.  Fields come out in
-- the catalogue's order; the same description gives the same text.
local acrn = require "acrn"

local M = {}

-- Lua source for a value, as a recipe would write it.
local function literal(value)
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
  if #keys == #value then
    for _, item in ipairs(value) do
      parts[#parts + 1] = literal(item)
    end
  else
    table.sort(keys, function(a, b)
      if type(a) == type(b) then
        return a < b
      end
      return type(a) == "number"
    end)
    for _, key in ipairs(keys) do
      local name = type(key) == "string" and key:match("^[%a_][%w_]*$") and key
        or "[" .. literal(key) .. "]"
      parts[#parts + 1] = name .. " = " .. literal(value[key])
    end
  end
  if #parts == 0 then
    return "{}"
  end
  return "{ " .. table.concat(parts, ", ") .. " }"
end
M.literal = literal

-- The emulation of `kind` ("virtio-blk") in the catalogue.
local function emulation_of(kind)
  for _, emulation in ipairs(acrn.catalog.emulations) do
    if emulation.kind == kind or emulation.constructor == kind then
      return emulation
    end
  end
  error("no device kind " .. tostring(kind), 2)
end

-- One device as a constructor call, fields in the catalogue's order.
function M.device(kind, fields)
  local emulation = emulation_of(kind)
  local parts = {}
  for _, name in ipairs(acrn.device_field_names(emulation)) do
    if fields[name] ~= nil then
      parts[#parts + 1] = name .. " = " .. literal(fields[name])
    end
  end
  if #parts == 0 then
    return "acrn." .. emulation.constructor .. " {}"
  end
  return "acrn." .. emulation.constructor .. " { " .. table.concat(parts, ", ") .. " }"
end

-- The recipe's text for `description`; `options.comment` is its first line.
function M.write(description, options)
  options = options or {}
  local comments = description.comments or {}
  local lines = {}
  if options.comment then
    lines[#lines + 1] = "-- " .. options.comment
  end
  lines[#lines + 1] = 'local acrn = require "acrn"'
  lines[#lines + 1] = ""
  lines[#lines + 1] = "return acrn.vm {"
  local function add(name, value)
    if value == nil then
      return
    end
    if comments[name] then
      lines[#lines + 1] = "  -- " .. comments[name]
    end
    lines[#lines + 1] = "  " .. name .. " = " .. literal(value) .. ","
  end
  add("name", description.name)
  add("target", description.target)
  add("dm", description.dm)
  add("layout", description.layout)
  for _, option in ipairs(acrn.catalog.options) do
    add(option.name, (description.fields or {})[option.name])
  end
  lines[#lines + 1] = "  devices = {"
  for i, device in ipairs(description.devices or {}) do
    if comments[i] then
      lines[#lines + 1] = "    -- " .. comments[i]
    end
    lines[#lines + 1] = "    " .. M.device(device.kind, device.fields or {}) .. ","
  end
  lines[#lines + 1] = "  },"
  lines[#lines + 1] = "}"
  return table.concat(lines, "\n") .. "\n"
end

return M
