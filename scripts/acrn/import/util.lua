-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: small helpers most of the import modules share
-- (values for messages, splitting, integers, copies, catalogue look-ups)
-- and what names acrn-dm itself on a command line.
local acrn = require "acrn"
local core = require "acrn.core"
local show = require("acrn.util").show

core.internal()

local M = {}

local catalog = acrn.catalog

-- ---------------------------------------------------------------------------
-- Small helpers

-- Splits `text` at every `separator` (a plain character); "" gives { "" }.
local function split(text, separator)
  local items, start = {}, 1
  while true do
    local at = text:find(separator, start, true)
    if not at then
      items[#items + 1] = text:sub(start)
      return items
    end
    items[#items + 1] = text:sub(start, at - 1)
    start = at + 1
  end
end

-- A decimal ("12") or hexadecimal ("0x1f") integer, or nil.
local function integer(text)
  if type(text) ~= "string" then
    return nil
  end
  if text:match("^%d+$") then
    return math.tointeger(tonumber(text, 10))
  end
  local hex = text:match("^0[xX](%x+)$")
  if hex then
    return math.tointeger(tonumber(hex, 16))
  end
  return nil
end

local function copy(value)
  if type(value) ~= "table" then
    return value
  end
  local out = {}
  for k, v in pairs(value) do
    out[k] = copy(v)
  end
  return out
end

-- The field called `name` in a list of catalogue fields, or nil.
local function field_named(fields, name)
  for _, field in ipairs(fields or {}) do
    if field.name == name then
      return field
    end
  end
  return nil
end

local EMULATION = {}
for _, emulation in ipairs(catalog.emulations) do
  EMULATION[emulation.kind] = emulation
end

local OPTION = {}
for _, option in ipairs(catalog.options) do
  OPTION[option.name] = option
end

-- Whether `word` names acrn-dm itself (a program, not an argument):
-- acrn-dm, /usr/bin/acrn-dm, ./acrn-dm-3.3.
local function is_program(word)
  return word ~= nil and word:match("[^/]*$"):match("^acrn%-dm[%w._-]*$") ~= nil
end

M.show = show
M.split = split
M.integer = integer
M.copy = copy
M.field_named = field_named
M.EMULATION = EMULATION
M.OPTION = OPTION
M.is_program = is_program

return M
