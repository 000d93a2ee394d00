-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: writing a description as a recipe (Lua source): the
-- command line as a comment, the VM's fields in the catalogue's order, its
-- devices, and raw = { ... } with why each word is there.
local acrn = require "acrn"
local core = require "acrn.core"
local grammars = require "acrn.import.grammars"
local util = require "acrn.import.util"
local vm_ = require "acrn.import.vm"

core.internal()

local M = {}

local catalog = acrn.catalog
local HEX = grammars.HEX
local split, EMULATION, is_program = util.split, util.EMULATION, util.is_program
local pinning = vm_.pinning

-- ---------------------------------------------------------------------------
-- The recipe text

-- `text` made safe for a Lua comment: control characters escaped.
local function comment_text(text)
  return (tostring(text):gsub("%c", function(c)
    return string.format("\\%03d", c:byte())
  end))
end

-- A Lua literal for a string.
local function quote(text)
  return (string.format("%q", text):gsub("\\\n", "\\n"))
end

local KEYWORDS = {}
for word in ([[and break do else elseif end false for function goto if in local nil not or
  repeat return then true until while]]):gmatch("%a+") do
  KEYWORDS[word] = true
end

-- `name = ` for a table constructor: ["name"] where it is not a plain name.
local function key_text(name)
  if name:match("^[%a_][%w_]*$") and not KEYWORDS[name] then
    return name .. " = "
  end
  return "[" .. quote(name) .. "] = "
end

-- A Lua literal for `value` of `field` (path: for HEX).
local function literal(value, field, path)
  if type(value) == "string" then
    return quote(value)
  elseif math.type(value) == "integer" then
    if HEX[path] then
      return string.format("0x%x", value)
    end
    return string.format("%d", value)
  elseif type(value) ~= "table" then
    return tostring(value)
  end
  local parts = {}
  if field and field.fields and (field.type == "record" or #value == 0) then
    for _, inner in ipairs(field.fields) do
      if value[inner.name] ~= nil then
        parts[#parts + 1] = key_text(inner.name)
          .. literal(value[inner.name], inner, path .. "." .. inner.name)
      end
    end
  else
    local element = field and (field.element or (field.fields and { type = "record",
      fields = field.fields }))
    for _, item in ipairs(value) do
      parts[#parts + 1] = literal(item, element, path)
    end
  end
  return "{ " .. table.concat(parts, ", ") .. " }"
end

-- Lines of `items` joined with `separator` and a space, wrapped at `width`,
-- each indented.
local function wrap(items, indent, width, separator)
  local lines, line = {}, ""
  for i, item in ipairs(items) do
    local piece = item .. (i < #items and separator or "")
    if line ~= "" and #indent + #line + 1 + #piece > width then
      lines[#lines + 1] = indent .. line
      line = piece
    else
      line = line == "" and piece or line .. " " .. piece
    end
  end
  if line ~= "" then
    lines[#lines + 1] = indent .. line
  end
  return lines
end

-- The command line as a comment: shell-quoted, wrapped with " \".
local function command_comment(description)
  local words = {}
  for i, word in ipairs(description.argv) do
    words[i] = core.command(word, {}):gsub("^%s+", "")
  end
  if not is_program(description.argv[1]) then
    table.insert(words, 1, "acrn-dm")
  end
  -- an option and its value stay together
  local units, i = {}, 1
  while i <= #words do
    local word = words[i]
    if word:sub(1, 1) == "-" and words[i + 1] and words[i + 1]:sub(1, 1) ~= "-"
      and i + 1 < #words then
      word = word .. " " .. words[i + 1]
      i = i + 1
    end
    units[#units + 1] = word
    i = i + 1
  end
  local lines, line = {}, ""
  for _, word in ipairs(units) do
    if line ~= "" and #line + 1 + #word > 88 then
      lines[#lines + 1] = "--   " .. line .. " \\"
      line = "  " .. word
    else
      line = line == "" and word or line .. " " .. word
    end
  end
  lines[#lines + 1] = "--   " .. line
  for k, text in ipairs(lines) do
    lines[k] = comment_text(text)
  end
  return lines
end

-- The recipe (Lua source) for a description.
function M.recipe(description)
  local out = {}
  local function add(line)
    out[#out + 1] = line
  end
  add("-- Imported by `acrn-launch import` from this acrn-dm command line:")
  for _, line in ipairs(command_comment(description)) do
    add(line)
  end
  add("local acrn = require \"acrn\"")
  add("")
  add("return acrn.vm {")
  add("  name = " .. quote(description.name or "") .. ",")
  for _, line in ipairs(wrap(split("target " .. description.target .. ", "
    .. description.target_how, " "), "  -- ", 96, "")) do
    add(comment_text(line))
  end
  add("  target = " .. quote(description.target) .. ",")
  if description.dm then
    add("  dm = " .. quote(description.dm) .. ",")
  end
  local fields = description.fields
  for _, option in ipairs(catalog.options) do
    local value = fields[option.name]
    if value ~= nil and option.name == "bootargs" then
      local items = {}
      for i, param in ipairs(value) do
        items[i] = quote(param)
      end
      if #items <= 4 then
        add("  bootargs = { " .. table.concat(items, ", ") .. " },")
      else
        add("  bootargs = {")
        for _, line in ipairs(wrap(items, "    ", 96, ",")) do
          add(line)
        end
        add("  },")
      end
    elseif value ~= nil and option.name ~= "raw" then
      if option.name == "cpu_affinity" and value.lapic_ids then
        add("  -- " .. comment_text("LAPIC ids, as acrn-dm " .. description.target
          .. " reads them"))
      end
      add("  " .. key_text(option.name) .. literal(value, option, option.name) .. ",")
    end
  end
  add("  devices = {")
  for _, device in ipairs(description.devices) do
    local emulation = EMULATION[device.kind]
    local parts = {}
    for _, field in ipairs(emulation.fields) do
      local value = device.fields[field.name]
      if value ~= nil then
        parts[#parts + 1] = key_text(field.name)
          .. literal(value, field, device.constructor .. "." .. field.name)
      end
    end
    local bus, slot, func = pinning(device)
    if bus then
      parts[#parts + 1] = "bus = " .. bus
    end
    if slot then
      parts[#parts + 1] = "slot = " .. slot
    end
    if func then
      parts[#parts + 1] = "func = " .. func
    end
    local body = #parts > 0 and "{ " .. table.concat(parts, ", ") .. " }" or "{}"
    add("    acrn." .. device.constructor .. " " .. body .. ",")
  end
  add("  },")
  if #description.raw > 0 then
    add("  -- not in the catalogue: passed to acrn-dm unchecked, after the other options")
    add("  raw = {")
    for _, entry in ipairs(description.raw) do
      add("    -- " .. comment_text(entry.why))
      local items = {}
      for i, word in ipairs(entry.words) do
        items[i] = quote(word)
      end
      add("    " .. table.concat(items, ", ") .. ",")
    end
    add("  },")
  end
  add("}")
  return table.concat(out, "\n") .. "\n"
end

return M
