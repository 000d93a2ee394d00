-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: how each field and option is spelled, learnt from
-- the core's own renderer.  Sample values are rendered for every release
-- (render_items, option_words) and where they show says each field's form
-- (field_forms) and each global option's spelling (option_spellings); both
-- are learnt once and kept.
local acrn = require "acrn"
local core = require "acrn.core"
local releases = require "acrn.import.releases"
local util = require "acrn.import.util"

core.internal()

local M = {}

local catalog = acrn.catalog
local TARGETS = catalog.targets
local release_set, set_and = releases.release_set, releases.set_and
local split, copy, EMULATION = util.split, util.copy, util.EMULATION

-- ---------------------------------------------------------------------------
-- Rendering through the core, for learning spellings and checking values

-- The device's CONFIG items for `target` (after "kind,"), or nil.
local function render_items(constructor, fields, target)
  local ok, device = pcall(acrn[constructor], copy(fields))
  if not ok then
    return nil
  end
  local text = core.render(device, target)
  if not text then
    return nil
  end
  local config = text:match("^[^,]*,(.*)$")
  return config and split(config, ",") or {}
end

-- The argv words a VM with only a host bridge and option `name` = `value`
-- gets for `target`, or nil when the value is not valid there.
local function option_words(name, value, target)
  local ok, argv = pcall(function()
    local vm = acrn.vm { name = "probe", target = target, layout = "acrn",
      devices = { acrn.hostbridge {} } }
    vm[name] = copy(value)
    return vm:argv()
  end)
  if not ok then
    return nil
  end
  local words = {}
  for i = 1, #argv - 1 do
    if not (argv[i] == "-s" and argv[i + 1] == "0:0,hostbridge")
      and not (argv[i] == "0:0,hostbridge" and argv[i - 1] == "-s") then
      words[#words + 1] = argv[i]
    end
  end
  return words
end

-- ---------------------------------------------------------------------------
-- Learning how each field of a plain emulation is spelled, per release

local sample_counter = 0

-- Candidate values of `field` for probing, each distinct from earlier ones.
local function samples(field)
  sample_counter = sample_counter + 1
  local n = sample_counter
  local kind = field.type
  if kind == "boolean" then
    return { true }
  elseif kind == "integer" then
    local list = {}
    for _, v in ipairs({ field.min + 3 + n % 40, field.min + 3, field.min + 1, field.min,
      field.max }) do
      if v >= field.min and v <= field.max then
        list[#list + 1] = v
      end
    end
    return list
  elseif kind == "choice" then
    return copy(field.choices)
  elseif kind == "path" then
    return { "/probe" .. n }
  elseif kind == "ifname" then
    return { "tap" .. n }
  elseif kind == "mac" then
    return { string.format("02:00:00:00:%02x:%02x", n // 256 % 256, n % 256) }
  elseif kind == "uart" then
    return { "/dev/ttyS" .. n, "tcp:" .. (1000 + n) }
  elseif kind == "bdf" then
    return { string.format("%x/%x/%x", n % 256, n % 32, n % 8) }
  elseif kind == "list" and field.element then
    local list = {}
    for _, item in ipairs(samples(field.element)) do
      list[#list + 1] = { item }
    end
    return list
  elseif kind == "record" or kind == "records" then
    local record = {}
    for _, inner in ipairs(field.fields) do
      record[inner.name] = samples(inner)[1]
    end
    return { kind == "record" and record or { record } }
  end
  return { "s" .. n, tostring(n), n .. "/" .. (n + 1), string.format("%d:%d:%d", n, n + 1, n + 2),
    "64x48+0+0", n .. "K" }
end

-- The texts a sample value can render as.
local function sample_texts(value)
  if math.type(value) == "integer" then
    return { string.format("%d", value), string.format("0x%x", value) }
  end
  return { tostring(value) }
end

-- How `field` = `value` shows in the rendered `items`: "flag", "keyed",
-- "bare", "key_value", "list", or "none" when it does not show.
local function locate(field, value, items)
  if value == true then
    for _, item in ipairs(items) do
      if item == field.name then
        return "flag"
      end
    end
    return "none"
  end
  if type(value) == "table" and (#value == 0 or type(value[1]) == "table") then
    return "none" -- a record: shown by a grammar of its own, if at all
  end
  if type(value) == "table" then
    local all = "," .. table.concat(items, ",") .. ","
    local texts = {}
    for i, item in ipairs(value) do
      texts[i] = sample_texts(item)[1]
    end
    if all:find("," .. table.concat(texts, ",") .. ",", 1, true) then
      return "list"
    end
    return "none"
  end
  for i, item in ipairs(items) do
    for _, text in ipairs(sample_texts(value)) do
      if item == field.name and items[i + 1] == text then
        return "key_value"
      elseif item == field.name .. "=" .. text then
        return "keyed"
      elseif item == text then
        return "bare"
      end
    end
  end
  return "none"
end

-- The forms `field` of `emulation` takes at target `t`: a set of form names
-- (a flag_ok field has two), or nil when no valid device could show it.
local function probe_field(emulation, field, t)
  local values = samples(field)
  if field.flag_ok and field.type ~= "boolean" then
    table.insert(values, 1, true)
  end
  local others = {}
  for _, other in ipairs(emulation.fields) do
    if other ~= field and not other.required then
      others[#others + 1] = other
    end
  end
  local forms, found = {}, false
  for _, value in ipairs(values) do
    local shown = false
    local tries = { false }
    for _, other in ipairs(others) do
      tries[#tries + 1] = other
    end
    for _, extra in ipairs(tries) do
      local fields = {}
      for _, other in ipairs(emulation.fields) do
        if other ~= field and other.required then
          fields[other.name] = samples(other)[1]
        end
      end
      if extra then
        fields[extra.name] = samples(extra)[1]
      end
      fields[field.name] = value
      local items = render_items(emulation.constructor, fields, TARGETS[t])
      if items then
        forms[locate(field, value, items)] = true
        found, shown = true, true
        break
      end
    end
    -- a flag_ok field: learn its flag form and one valued form
    if shown and not (value == true and field.type ~= "boolean") then
      break
    end
  end
  return found and forms or nil
end

local grammar_cache = {}

-- The spelling of every field of plain emulation `kind`, learnt once:
-- { [field name] = { [form] = set of targets } }.
local function field_forms(kind)
  if grammar_cache[kind] then
    return grammar_cache[kind]
  end
  local emulation = EMULATION[kind]
  local forms = {}
  local has_emulation = release_set(emulation)
  for _, field in ipairs(emulation.fields) do
    forms[field.name] = {}
    local where = set_and(has_emulation, release_set(field))
    for t in pairs(where) do
      for form in pairs(probe_field(emulation, field, t) or {}) do
        forms[field.name][form] = forms[field.name][form] or {}
        forms[field.name][form][t] = true
      end
    end
  end
  grammar_cache[kind] = forms
  return forms
end
M.field_forms = field_forms

local spelling_cache

-- How each global option is spelled, per release: { [word] = { { option,
-- set } … } }.  Flags are rendered to learn their spelling (-W became
-- --virtio_msi); an option that cannot be rendered alone at a release it
-- has keeps the spelling of the release before.
local function option_spellings()
  if spelling_cache then
    return spelling_cache
  end
  local spelled = {}
  local function add(word, option, t)
    spelled[word] = spelled[word] or {}
    for _, entry in ipairs(spelled[word]) do
      if entry.option == option then
        entry.set[t] = true
        return
      end
    end
    table.insert(spelled[word], { option = option, set = { [t] = true } })
  end
  for _, option in ipairs(catalog.options) do
    if option.key then
      local has = release_set(option)
      local last = option.key
      for t = 1, #TARGETS do
        if has[t] then
          local word = option.key
          if option.type == "boolean" or option.flag_ok then
            local words = option_words(option.name, true, TARGETS[t])
            word = words and #words == 1 and words[1] or last
          end
          add(word, option, t)
          last = word
        end
      end
    end
  end
  spelling_cache = spelled
  return spelled
end
M.option_spellings = option_spellings

M.render_items = render_items
M.option_words = option_words

return M
