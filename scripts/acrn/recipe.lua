-- SPDX-License-Identifier: Apache-2.0
-- One recipe writer: a VM described as plain tables becomes recipe text
-- (Lua source that `acrn-launch` runs).  A pure function: it reads the
-- catalogue for the order of fields and nothing else.
--
--   recipe.text {
--     header = { "a comment line", … },      -- at the top, as -- comments
--     name = "vm1", target = "2.7",
--     target_comment = "why this target",    -- a comment before target
--     dm = "/usr/bin/acrn-dm", layout = "acrn",          -- when not the default
--     fields = { memory = "2048M", bootargs = { "rw" }, … },  -- VM fields
--     comments = { cpu_affinity = "…" },     -- a comment before a VM field
--     devices = { { constructor = "virtio_blk", fields = { path = "/img" },
--                   bus = 1, slot = 3, func = 0, comment = "…" }, … },
--     raw = { { words = { "--x", "1" }, why = "…" }, … },
--   }
--
-- VM fields come in the catalogue's order, each device's fields in its
-- constructor's order, then bus, slot and func where given.
local core = require "acrn.core"
local host_text = require "acrn.host_text"

local M = {}

local catalog -- read once, when first needed
local function catalogue()
  catalog = catalog or core.catalog()
  return catalog
end

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

-- `name = ` inside a table constructor.
local function key_text(name)
  if type(name) == "string" and name:match("^[%a_][%w_]*$") and not KEYWORDS[name] then
    return name .. " = "
  end
  return "[" .. quote(tostring(name)) .. "] = "
end

-- A Lua literal for `value` of catalogue field `field` (nil: unknown):
-- fields in the catalogue's order, hex numbers where the field is hex.
local function literal(value, field)
  if host_text.is(value) then
    return host_text.source(value)
  elseif type(value) == "string" then
    return quote(value)
  elseif math.type(value) == "integer" then
    return string.format(field and field.hex and "0x%x" or "%d", value)
  elseif math.type(value) == "float" then
    return string.format("%.17g", value)
  elseif type(value) ~= "table" then
    return tostring(value)
  end
  local parts, done = {}, {}
  local fields = field and field.fields
  local is_list = #value > 0 or next(value) == nil
  if is_list then
    local element = field and (field.element or (fields and { type = "record", fields = fields }))
    for _, item in ipairs(value) do
      parts[#parts + 1] = literal(item, element)
    end
  else
    for _, inner in ipairs(fields or {}) do
      if value[inner.name] ~= nil then
        parts[#parts + 1] = key_text(inner.name) .. literal(value[inner.name], inner)
        done[inner.name] = true
      end
    end
    local rest = {}
    for key in pairs(value) do
      if not done[key] then
        rest[#rest + 1] = key
      end
    end
    table.sort(rest, function(a, b) return tostring(a) < tostring(b) end)
    for _, key in ipairs(rest) do
      parts[#parts + 1] = key_text(key) .. literal(value[key])
    end
  end
  if #parts == 0 then
    return "{}"
  end
  return "{ " .. table.concat(parts, ", ") .. " }"
end

-- Lines of `items` joined by `separator` and a space, wrapped at `width`.
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

-- Comment lines for `text`, wrapped, each starting with `indent` "-- ".
local function comment_lines(text, indent)
  local words = {}
  for word in tostring(text):gmatch("%S+") do
    words[#words + 1] = comment_text(word)
  end
  return wrap(words, indent .. "-- ", 96, "")
end

local function emulation_of(constructor)
  for _, emulation in ipairs(catalogue().emulations) do
    if emulation.constructor == constructor then
      return emulation
    end
  end
  error("recipe: no constructor called " .. tostring(constructor), 2)
end

-- The constructor of one device ("acrn.virtio_blk") and its fields as
-- "name = literal" pieces.
local function device_text(device)
  local emulation = emulation_of(device.constructor)
  local parts, fields = {}, device.fields or {}
  for _, field in ipairs(emulation.fields) do
    if fields[field.name] ~= nil then
      parts[#parts + 1] = key_text(field.name) .. literal(fields[field.name], field)
    end
  end
  for _, place in ipairs({ "bus", "slot", "func" }) do
    if device[place] ~= nil then
      parts[#parts + 1] = place .. " = " .. string.format("%d", device[place])
    end
  end
  return "acrn." .. emulation.constructor, parts
end

-- The recipe text for `description` (see the top of this file).
function M.text(description)
  local out = {}
  local function add(line)
    out[#out + 1] = line
  end
  for _, line in ipairs(description.header or {}) do
    if #line > 96 then
      for _, wrapped in ipairs(comment_lines(line, "")) do
        add(wrapped)
      end
    else
      add("-- " .. comment_text(line))
    end
  end
  add("local acrn = require \"acrn\"")
  add("")
  add("return acrn.vm {")
  add("  name = " .. quote(description.name or "") .. ",")
  if description.target then
    if description.target_comment then
      for _, line in ipairs(comment_lines(description.target_comment, "  ")) do
        add(line)
      end
    end
    add("  target = " .. quote(description.target) .. ",")
  end
  if description.dm then
    add("  dm = " .. quote(description.dm) .. ",")
  end
  if description.layout then
    add("  layout = " .. literal(description.layout) .. ",")
  end
  local fields, comments = description.fields or {}, description.comments or {}
  for _, option in ipairs(catalogue().options) do
    local value = fields[option.name]
    if value ~= nil and option.name ~= "raw" then
      for _, line in ipairs(comments[option.name] and comment_lines(comments[option.name], "  ")
        or {}) do
        add(line)
      end
      if option.name == "bootargs" and type(value) == "table" and #value > 4 then
        local items = {}
        for i, parameter in ipairs(value) do
          items[i] = quote(parameter)
        end
        add("  bootargs = {")
        for _, line in ipairs(wrap(items, "    ", 96, ",")) do
          add(line)
        end
        add("  },")
      else
        add("  " .. key_text(option.name) .. literal(value, option) .. ",")
      end
    end
  end
  add("  devices = {")
  for _, device in ipairs(description.devices or {}) do
    if device.comment then
      for _, line in ipairs(comment_lines(device.comment, "    ")) do
        add(line)
      end
    end
    local call, parts = device_text(device)
    local line = "    " .. call .. " " .. (#parts > 0 and "{ " .. table.concat(parts, ", ") .. " }"
      or "{}") .. ","
    if #line <= 96 then
      add(line)
    else
      -- one field a line when the call does not fit on one
      add("    " .. call .. " {")
      for _, part in ipairs(parts) do
        add("      " .. part .. ",")
      end
      add("    },")
    end
  end
  add("  },")
  local raw = description.raw or {}
  if #raw > 0 then
    add("  -- not in the catalogue: passed to acrn-dm unchecked, after the other options")
    add("  raw = {")
    for _, entry in ipairs(raw) do
      for _, line in ipairs(comment_lines(entry.why, "    ")) do
        add(line)
      end
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
