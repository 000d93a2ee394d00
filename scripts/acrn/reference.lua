-- SPDX-License-Identifier: Apache-2.0
-- The catalogue as a reference a person reads: every device, its fields,
-- every VM field (acrn-dm's global options), and the releases that have
-- them.  `acrn-launch devices` prints it; doc/devices.md is its output.
local acrn = require "acrn"
local core = require "acrn.core"

local M = {}

-- Words for a release range: "3.1+", "up to 2.6", "ignored from 3.0".
local function releases(item)
  local words = {}
  if item.since then
    words[#words + 1] = item.since .. "+"
  end
  if item.removed then
    words[#words + 1] = "removed in " .. item.removed
  end
  if item.ignored then
    words[#words + 1] = "ignored from " .. item.ignored
  end
  return table.concat(words, ", ")
end

-- Whether `target` accepts `item` (ignoring counts as accepting).
local function accepts(item, target)
  return not target or core.accepts(target, item) ~= "no"
end

-- A field's type in words.
local function type_words(field)
  local words = field.type
  if field.type == "choice" then
    words = table.concat(field.choices, " \\| ")
  elseif field.type == "integer" then
    words = string.format("integer %d-%d", field.min, field.max)
  elseif field.type == "list" then
    words = "list of " .. type_words(field.element)
  elseif field.type == "records" then
    words = "list of tables"
  elseif field.type == "record" then
    words = "table"
  end
  if field.max_items then
    words = words .. string.format(" (at most %d)", field.max_items)
  end
  if field.flag_ok then
    words = "true or " .. words
  end
  return words
end

-- Appends a row for `field` (and rows for the fields of its tables).
local function field_rows(lines, field, prefix, target, with_key)
  if not accepts(field, target) then
    return
  end
  local name = prefix .. field.name
  local cells = { "`" .. name .. "`" }
  if with_key then
    cells[#cells + 1] = field.key and ("`" .. field.key .. "`") or ""
  end
  cells[#cells + 1] = type_words(field) .. (field.required and ", required" or "")
  cells[#cells + 1] = releases(field)
  cells[#cells + 1] = field.doc
  lines[#lines + 1] = "| " .. table.concat(cells, " | ") .. " |"
  local suffix = field.type == "records" and "[]." or "."
  for _, inner in ipairs(field.fields or {}) do
    field_rows(lines, inner, name .. suffix, target, with_key and false)
  end
end

-- The reference as Markdown; with `target`, only what that release accepts.
function M.markdown(target)
  local catalog = acrn.catalog
  local lines = {
    "# acrn-launch reference: devices and VM fields",
    "",
    "Generated from the catalogue (`core/engine/devices.c`, `core/engine/options.c`) by `acrn-launch devices"
      .. (target and (" --target " .. target) or "") .. "`; do not edit by hand.",
    "",
    "Targets: " .. table.concat(catalog.targets, ", ") .. " (default "
      .. catalog.default_target .. ")." .. (target and (" Shown: what " .. target
      .. " accepts.") or ""),
    "",
    "A release range reads: `3.1+` (from 3.1 on), `removed in 2.7` (up to 2.6),",
    "`ignored from 3.0` (accepted with a warning, acrn-dm does nothing with it).",
    "",
    "## Devices",
    "",
    "Every device also takes `bus`, `slot` and `func`; without `slot` the layout",
    "chooses.",
  }
  local function add(...)
    for _, line in ipairs({ ... }) do
      lines[#lines + 1] = line
    end
  end
  for _, emulation in ipairs(catalog.emulations) do
    if accepts(emulation, target) then
      local range = releases(emulation)
      add("", string.format("### `acrn.%s` (`%s`)", emulation.constructor, emulation.kind), "",
        emulation.doc:gsub("^%l", string.upper) .. "."
          .. (range ~= "" and (" Releases: " .. range .. ".") or ""))
      if #emulation.fields > 0 then
        add("", "| field | type | releases | meaning |", "|---|---|---|---|")
        for _, field in ipairs(emulation.fields) do
          field_rows(lines, field, "", target, false)
        end
      end
    end
  end
  add("", "## VM fields", "",
    "`acrn.vm { … }` takes `name`, `target`, `dm`, `layout`, `devices`, and these,",
    "rendered as acrn-dm's global options in this order:", "",
    "| field | acrn-dm | type | releases | meaning |", "|---|---|---|---|---|")
  for _, option in ipairs(catalog.options) do
    field_rows(lines, option, "", target, true)
  end
  add("")
  return table.concat(lines, "\n")
end

return M
