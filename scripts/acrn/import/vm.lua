-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: the acrn.vm a description makes (devices pinned to
-- their slots only where the default layout would place them elsewhere),
-- and whether it is valid for its target.
local acrn = require "acrn"
local core = require "acrn.core"
local layout = require "acrn.layout"
local util = require "acrn.import.util"

core.internal()

local M = {}

local copy = util.copy

-- ---------------------------------------------------------------------------
-- The VM a description makes

-- Strips the "file:line: " that errors raised in acrn's API carry.
local function plain_message(message, where)
  message = tostring(message)
  if where ~= "" and message:sub(1, #where) == where then
    return message:sub(#where + 1)
  end
  return message
end

-- The slot the default layout gives `kind` wherever it comes in the
-- recipe, or nil.
local function fixed_slot(kind)
  local ok, slot = pcall(function()
    local policy = acrn.defaults.layout
    local alone = layout.place(policy, { { kind = kind } })[1]
    local later = layout.place(policy, { { kind = "-" }, { kind = "-" }, { kind = kind } })[3]
    return alone.slot == later.slot and alone.slot or nil
  end)
  return ok and slot or nil
end

-- Bus, slot and func that the recipe must write for `device` (nil where
-- the layout gives the same).
local function pinning(device)
  if device.bus == 0 and device.func == 0 and fixed_slot(device.kind) == device.slot then
    return nil, nil, nil
  end
  return device.bus ~= 0 and device.bus or nil, device.slot,
    device.func ~= 0 and device.func or nil
end

-- The raw words, in order.
local function raw_words(description)
  local words = {}
  for _, entry in ipairs(description.raw) do
    for _, word in ipairs(entry.words) do
      words[#words + 1] = word
    end
  end
  return words
end

-- The acrn.vm the description makes (raises on a bad value).
function M.vm(description)
  local devices = {}
  for i, device in ipairs(description.devices) do
    local fields = copy(device.fields)
    fields.bus, fields.slot, fields.func = pinning(device)
    devices[i] = acrn[device.constructor](fields)
  end
  local vm = acrn.vm { name = description.name, target = description.target,
    devices = devices }
  if description.dm then
    vm.dm = description.dm
  end
  for key, value in pairs(description.fields) do
    vm[key] = copy(value)
  end
  if #description.raw > 0 then
    vm.raw = raw_words(description)
  end
  return vm
end

-- true, or nil and why the VM is not valid for its target.
function M.check(description)
  local where = core.where()
  local ok, plan = pcall(function()
    return M.vm(description):plan()
  end)
  if ok then
    return true
  end
  local message = plain_message(plan, where)
  -- name the device by its -s argument rather than its number
  message = message:gsub("device #(%d+) %(([^)]*)%)", function(index, kind)
    local device = description.devices[tonumber(index)]
    return device and device.source or ("device #" .. index .. " (" .. kind .. ")")
  end)
  return nil, string.format("not a valid VM for ACRN %s: %s", description.target, message)
end

M.pinning = pinning

return M
