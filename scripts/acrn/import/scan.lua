-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: reading acrn-dm's argv.  acrn-dm's getopt table (the
-- short/long aliases, which options take a value, long option prefixes),
-- scanning the words as getopt_long would, the -s slots, and adding each
-- device and global option to the parse state.
local acrn = require "acrn"
local core = require "acrn.core"
local forms = require "acrn.import.forms"
local grammars = require "acrn.import.grammars"
local releases = require "acrn.import.releases"
local state_ = require "acrn.import.state"
local util = require "acrn.import.util"

core.internal()

local M = {}

local catalog = acrn.catalog
local TARGETS = catalog.targets
local option_spellings, option_words = forms.option_spellings, forms.option_words
local DEVICE_GRAMMARS, OPTION_GRAMMARS = grammars.DEVICE_GRAMMARS, grammars.OPTION_GRAMMARS
local REPEATED, parse_plain = grammars.REPEATED, grammars.parse_plain
local plain_option_value, looks_like_regions = grammars.plain_option_value,
  grammars.looks_like_regions
local targets_where, release_set = releases.targets_where, releases.release_set
local set_and, set_count = releases.set_and, releases.set_count
local warn, problem, clue = state_.warn, state_.problem, state_.clue
local release_clues, keep_raw = state_.release_clues, state_.keep_raw
local show, EMULATION = util.show, util.EMULATION

-- ---------------------------------------------------------------------------
-- acrn-dm's getopt table: what the catalogue does not say

-- acrn-dm's long names of its one-letter options (acrn-dm.md).
local ALIASES = {
  ["--uuid"] = "-U", ["--acpi"] = "-A", ["--memsize"] = "-m", ["--pci_slot"] = "-s",
  ["--lpc"] = "-l", ["--kernel"] = "-k", ["--ramdisk"] = "-r", ["--elf_file"] = "-E",
  ["--bootargs"] = "-B", ["--gvtargs"] = "-G", ["--virtio_msix"] = "-W", ["--mptgen"] = "-Y",
  ["--ioc_node"] = "-i", ["--version"] = "-v", ["--help"] = "-h",
}

-- Options that stop acrn-dm before it makes a VM.
local PRINTING = { ["-v"] = "prints its version", ["-h"] = "prints its usage" }

-- Options that belong to a device, by key: { kind, read } where
-- read(value) returns the device's field name and value, or nil and why.
-- The catalogue's fields with an option key of their own (-G after
-- pci-gvt) are read as they are; -l is added with the lpc grammar below.
local DEVICE_ARGUMENTS = {}
for _, emulation in ipairs(catalog.emulations) do
  for _, field in ipairs(emulation.fields) do
    if field.key and field.key:sub(1, 1) == "-" then
      DEVICE_ARGUMENTS[field.key] = { kind = emulation.kind, read = function(value)
        return field.name, value
      end }
    end
  end
end

-- Values with spaces that a launch script's echo splits into words.
local SPACED = { ["-B"] = true, ["--bootargs"] = true }
for key in pairs(DEVICE_ARGUMENTS) do
  SPACED[key] = true
  for long, short in pairs(ALIASES) do
    if short == key then
      SPACED[long] = true
    end
  end
end

-- -l COMn[,BACKEND] belongs to the lpc device too (acrn.import.grammars
-- reads it); it is added after SPACED is made, so an echo never rejoins it.
DEVICE_ARGUMENTS["-l"] = { kind = "lpc", read = grammars.lpc_argument }

-- What option `key` (canonical spelling) takes: "none", "optional" (a
-- flag_ok option: only a value of its own grammar) or "required"; nil when
-- unknown.
local function argument_kind(key)
  if key == "-s" or DEVICE_ARGUMENTS[key] then
    return "required"
  elseif PRINTING[key] then
    return "none"
  end
  local entries = option_spellings()[key]
  if not entries then
    return nil
  end
  local option = entries[1].option
  if option.type == "boolean" then
    return "none"
  elseif option.flag_ok then
    return "optional"
  end
  return "required"
end

-- Every long option acrn-launch knows, for prefix matching.
local function long_options()
  local list = {}
  for word in pairs(option_spellings()) do
    if word:sub(1, 2) == "--" then
      list[#list + 1] = word
    end
  end
  for word in pairs(ALIASES) do
    list[#list + 1] = word
  end
  table.sort(list)
  return list
end

-- The canonical key of long option `name` ("--ovm" -> "--ovmf"), or nil and
-- "unknown" or "ambiguous" with the candidates.
local function resolve_long(name)
  local function canonical(word)
    return ALIASES[word] or word
  end
  local known = long_options()
  for _, word in ipairs(known) do
    if word == name then
      return canonical(word)
    end
  end
  local found, names = {}, {}
  for _, word in ipairs(known) do
    if word:sub(1, #name) == name then
      if not found[canonical(word)] then
        found[canonical(word)] = true
        names[#names + 1] = word
      end
    end
  end
  if #names == 1 then
    return canonical(names[1])
  elseif #names > 1 then
    return nil, "ambiguous", names
  end
  return nil, "unknown"
end

-- ---------------------------------------------------------------------------
-- Reading the words

-- acrn-dm's sscanf("%d:%d:%d") and its fallbacks: bus, slot, func, and
-- whether anything was left over.
local function scan_slot(text)
  local values, at, consumed = {}, 1, 0
  for i = 1, 3 do
    if i > 1 then
      if text:sub(at, at) ~= ":" then
        break
      end
      at = at + 1
    end
    local first, last = text:find("^%s*[+-]?%d+", at)
    if not first then
      break
    end
    values[#values + 1] = math.tointeger(tonumber(text:sub(first, last)))
    at, consumed = last + 1, last
  end
  local rest = consumed < #text
  if #values == 3 then
    return values[1], values[2], values[3], rest
  elseif #values == 2 then
    return 0, values[1], values[2], rest
  elseif #values == 1 then
    return 0, values[1], 0, rest
  end
  return nil
end

-- "-s SLOT,EMULATION[,CONFIG]": adds the device (or keeps it raw).
local function add_device(state, value, text)
  local slot_text, kind, config = value:match("^([^,]*),([^,]*),?(.*)$")
  if not slot_text then
    problem(state, string.format("%s has no emulation after the slot (acrn-dm refuses it)", text))
    return
  end
  if not value:match("^[^,]*,[^,]*,") then
    config = nil
  end
  local bus, slot, func, junk = scan_slot(slot_text)
  if not bus then
    problem(state, string.format("%s: %s is not a slot (acrn-dm refuses it)", text,
      show(slot_text)))
    return
  end
  if junk then
    warn(state, string.format("%s: slot %s read as %d:%d:%d, as acrn-dm reads it", text,
      show(slot_text), bus, slot, func))
  end
  if bus < 0 or bus > 255 or slot < 0 or slot > 31 or func < 0 or func > 7 then
    problem(state, string.format("%s: slot %d:%d:%d is out of range (bus 0-255, slot 0-31, "
      .. "function 0-7; acrn-dm refuses it)", text, bus, slot, func))
    return
  end
  local place = string.format("%d:%d:%d", bus, slot, func)
  state.slots = state.slots or {}
  if state.slots[place] then
    problem(state, string.format("%s: slot %s is already taken by %s (acrn-dm refuses it: "
      .. "already occupied)", text, place, state.slots[place]))
    return
  end
  state.slots[place] = text
  local emulation = EMULATION[kind]
  if not emulation then
    keep_raw(state, { "-s", value }, "emulation " .. show(kind) .. " is not in the catalogue")
    return
  end
  local grammar = DEVICE_GRAMMARS[kind]
  local fields, clues, refused
  if grammar then
    fields, clues, refused = grammar(config)
    clues = fields and {} or clues
  else
    fields, clues = parse_plain(emulation, config)
  end
  if not fields then
    if refused then
      problem(state, string.format("%s: %s", text, clues))
    else
      keep_raw(state, { "-s", value }, kind .. ": " .. clues)
    end
    return
  end
  for _, found in ipairs(clues) do
    clue(state, found.text, found.set, 1)
  end
  clue(state, text, release_set(emulation), 1)
  release_clues(state, kind, emulation.fields, fields)
  state.devices[#state.devices + 1] = {
    constructor = emulation.constructor, kind = kind, fields = fields,
    bus = bus, slot = slot, func = func, source = text,
  }
end

-- Sets VM field `name` from option text `text` (the words as given).
local function set_option(state, option, value, text)
  if REPEATED[option.name] then
    state.fields[option.name] = state.fields[option.name] or {}
    table.insert(state.fields[option.name], value)
  else
    if state.fields[option.name] ~= nil and option.type ~= "boolean" then
      warn(state, string.format("%s is given more than once; acrn-dm uses the last (%s)",
        option.key or option.name, text))
    end
    state.fields[option.name] = value
  end
end

-- Applies the global option spelled `key` (canonical) with `value` (nil
-- for none); `text` is how the command line wrote it.
local function apply_option(state, key, value, text)
  local entries = option_spellings()[key]
  -- the option this spelling stands for: one not set yet, the widest first
  local chosen
  for _, entry in ipairs(entries) do
    local free = state.fields[entry.option.name] == nil
    local width = set_count(release_set(entry.option))
    if not chosen or (free and not chosen.free) or (free == chosen.free
        and width > chosen.width) then
      chosen = { entry = entry, free = free, width = width }
    end
  end
  local option = chosen.entry.option
  local parsed, why
  local grammar = OPTION_GRAMMARS[option.name]
  if option.name == "bootargs" then
    parsed = value
  elseif option.type == "boolean" then
    parsed = true
  elseif grammar then
    parsed, why = grammar(value, state)
  else
    parsed, why = plain_option_value(option, value)
  end
  if parsed == nil then
    keep_raw(state, value and { key, value } or { key }, string.format("%s: %s", key, why))
    return
  end
  local spelled = set_and(chosen.entry.set, release_set(option))
  clue(state, text, spelled, 1)
  if type(parsed) == "table" then
    local records = option.type == "records" and not REPEATED[option.name] and parsed
      or { parsed }
    for _, record in ipairs(records) do
      release_clues(state, key, option.fields, record)
    end
  end
  if option.ignored then
    clue(state, text .. " (ignored from " .. option.ignored .. ")", targets_where(function(t)
      return core.accepts(TARGETS[t], option) == "yes"
    end), "soft")
  end
  if option.name ~= "bootargs" then
    local valid = targets_where(function(t)
      local v = type(parsed) == "function" and parsed(TARGETS[t]) or parsed
      if REPEATED[option.name] then
        v = { v }
      end
      return option_words(option.name, v, TARGETS[t]) ~= nil
    end)
    clue(state, text, valid, 2)
  end
  if type(parsed) == "function" then
    state.values_for_target[option.name] = parsed
  end
  set_option(state, option, parsed, text)
end

-- Reads argv (acrn-dm's arguments) as getopt_long would: a list of events
-- { key, value, text } for options, { positional = word, after = event }
-- for the rest, { unknown = words } for what nobody knows.
local function scan(state, argv)
  local events, i, ended = {}, 1, false
  local function event(e)
    events[#events + 1] = e
    return e
  end
  while i <= #argv do
    local word = argv[i]
    local previous = events[#events]
    if ended or word == "-" or word:sub(1, 1) ~= "-" then
      event({ positional = word, after = previous and previous.unknown and not previous.closed
        and previous or nil })
    elseif word == "--" then
      ended = true
    elseif word:sub(1, 2) == "--" then
      local name, value = word:match("^(%-%-[^=]*)=(.*)$")
      name = name or word
      local key, how, candidates = resolve_long(name)
      local takes = key and argument_kind(key)
      if not key and how == "ambiguous" then
        problem(state, string.format("%s is ambiguous (%s); acrn-dm refuses it", name,
          table.concat(candidates, ", ")))
      elseif not key then
        event({ unknown = { word }, closed = value ~= nil })
      elseif takes == "none" and value then
        problem(state, string.format("%s takes no value (acrn-dm refuses %s)", name, word))
      elseif takes == "required" and not value then
        if argv[i + 1] == nil then
          problem(state, string.format("%s needs a value (acrn-dm refuses it)", name))
        else
          i = i + 1
          event({ key = key, value = argv[i], text = word .. " " .. argv[i] })
        end
      elseif takes == "optional" and not value and looks_like_regions(argv[i + 1]) then
        i = i + 1
        event({ key = key, value = argv[i], text = word .. " " .. argv[i] })
      else
        event({ key = key, value = value, text = word })
      end
    else
      -- a cluster of one-letter options: -AW, -m512M, -lcom1,stdio
      local at, events_before = 2, #events
      while at <= #word do
        local key = "-" .. word:sub(at, at)
        local takes = argument_kind(key)
        if not takes then
          -- unknown: the whole word goes raw
          for k = #events, events_before + 1, -1 do
            events[k] = nil
          end
          event({ unknown = { word }, closed = at < #word })
          break
        elseif takes == "none" or takes == "optional" then
          event({ key = key, text = key })
          at = at + 1
        else
          local value = word:sub(at + 1)
          local text = word
          if value == "" then
            if argv[i + 1] == nil then
              problem(state, string.format("%s needs a value (acrn-dm refuses it)", key))
              break
            end
            i = i + 1
            value = argv[i]
            text = word .. " " .. value
          end
          event({ key = key, value = value, text = text })
          break
        end
      end
    end
    i = i + 1
  end
  return events
end

M.PRINTING = PRINTING
M.DEVICE_ARGUMENTS = DEVICE_ARGUMENTS
M.SPACED = SPACED
M.add_device = add_device
M.apply_option = apply_option
M.scan = scan

return M
