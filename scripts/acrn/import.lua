-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: an acrn-dm command line becomes a recipe.
--
-- What every option and device looks like on the command line is learnt
-- from the catalogue itself: the option keys and field types come from
-- acrn.catalog, and the way each field of a plain ','-joined emulation is
-- spelled for each release (a flag, key=value, a bare value, "key,value")
-- is found by asking the core's own renderer once per kind.  Only the
-- emulations and options whose CONFIG is not a list of fields have a small
-- parser of their own (DEVICE_GRAMMARS, OPTION_GRAMMARS), and acrn-dm's
-- short/long option aliases are a table (ALIASES).
--
-- parse(argv) returns a description: the VM's fields, its devices with their
-- slots, what the catalogue does not know (raw, with why), warnings, and
-- the problems for which acrn-dm (or the catalogue's checks) would refuse
-- the line.  recipe(description) writes it as Lua; main(args) is
-- `acrn-launch import`.
local acrn = require "acrn"
local core = require "acrn.core"
local kparams = require "acrn.kparams"
local layout = require "acrn.layout"

core.internal()

local M = {}

local EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

local catalog = acrn.catalog
local TARGETS = catalog.targets

M.usage = [[
usage: acrn-launch import [--target REL] [-o FILE] -- ACRN-DM-ARGS...
       acrn-launch import [--target REL] [-o FILE] --from FILE

Reads an acrn-dm command line (the words after --, or FILE: a launch
script's "Launch device model with parameters: ..." line, or an acrn-dm
command with shell quoting; - is standard input) and writes the recipe that
launches the same VM to standard output (or -o FILE).  What the catalogue
does not know is kept in raw = { ... } and reported on standard error.

options:
      --target REL   the ACRN release to write for (default: inferred from
                     the command line)
      --from FILE    read the command line from FILE
  -o, --output FILE  write the recipe to FILE
  -h, --help         show this text

exit status: 0 done; 1 a command line acrn-dm would refuse, or that does not
parse; 2 usage.
]]

-- ---------------------------------------------------------------------------
-- Releases: sets of targets

-- 3.3 -> 303; nil for nil.
local function release_number(text)
  if text == nil then
    return nil
  end
  local major, minor = text:match("^(%d+)%.(%d+)$")
  return tonumber(major) * 100 + tonumber(minor)
end

local TARGET_NUMBER = {}
for i, name in ipairs(TARGETS) do
  TARGET_NUMBER[i] = release_number(name)
end

-- The set (index -> true) of targets for which `keep(index)` is true.
local function targets_where(keep)
  local set = {}
  for i in ipairs(TARGETS) do
    if keep(i) then
      set[i] = true
    end
  end
  return set
end

local ALL = targets_where(function() return true end)

-- The targets that have something with these releases (since, removed).
local function release_set(item)
  local since, removed = release_number(item.since), release_number(item.removed)
  return targets_where(function(i)
    return (not since or TARGET_NUMBER[i] >= since) and (not removed or TARGET_NUMBER[i] < removed)
  end)
end

local function set_and(a, b)
  return targets_where(function(i) return a[i] and b[i] end)
end

local function set_count(set)
  local n = 0
  for _ in pairs(set) do
    n = n + 1
  end
  return n
end

local function set_max(set)
  local best
  for i in pairs(set) do
    if not best or i > best then
      best = i
    end
  end
  return best
end

local function set_min(set)
  local best
  for i in pairs(set) do
    if not best or i < best then
      best = i
    end
  end
  return best
end

-- "up to 2.6", "3.0 and later", "2.3 to 2.4", "2.7", or a list.
local function set_text(set)
  local lo, hi = set_min(set), set_max(set)
  if not lo then
    return "no release"
  end
  for i = lo, hi do
    if not set[i] then
      local names = {}
      for j = lo, hi do
        if set[j] then
          names[#names + 1] = TARGETS[j]
        end
      end
      return table.concat(names, ", ")
    end
  end
  if lo == 1 and hi == #TARGETS then
    return "every release"
  elseif lo == hi and hi < #TARGETS then
    return TARGETS[lo] .. " only"
  elseif lo == 1 then
    return "up to " .. TARGETS[hi]
  elseif hi == #TARGETS then
    return TARGETS[lo] .. " and later"
  end
  return TARGETS[lo] .. " to " .. TARGETS[hi]
end

local function set_is_all(set)
  return set_count(set) == #TARGETS
end

-- ---------------------------------------------------------------------------
-- Small helpers

-- A value as messages show it.
local function show(value)
  if type(value) == "string" then
    return (string.format("%q", value):gsub("\\\n", "\\n"))
  end
  return tostring(value)
end

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

-- Strips the "file:line: " that errors raised in acrn's API carry.
local function plain_message(message, where)
  message = tostring(message)
  if where ~= "" and message:sub(1, #where) == where then
    return message:sub(#where + 1)
  end
  return message
end

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
-- The parse state

-- A fresh parse state.
local function new_state(options)
  return {
    given_target = options.target, given_how = options.target_how,
    warnings = {}, problems = {}, clues = {}, raw = {},
    fields = {}, devices = {}, pending = {},
    values_for_target = {},
  }
end

local function warn(state, message)
  state.warnings[#state.warnings + 1] = message
end

local function problem(state, message)
  state.problems[#state.problems + 1] = message
end

-- Records what a piece of the command line says about the release:
-- tier 1 (a spelling), tier 2 (where it is valid) or "soft" (ignored there).
local function clue(state, text, set, tier)
  if set_is_all(set) then
    return
  end
  if #text > 48 then
    text = text:sub(1, 45) .. "..."
  end
  state.clues[#state.clues + 1] = { text = text, set = set, tier = tier }
end

-- Records the releases of each field set in `value` (of catalogue `fields`,
-- recursively) as tier 1 clues named `text`.
local function release_clues(state, text, fields, value)
  if type(value) ~= "table" then
    return
  end
  for _, field in ipairs(fields or {}) do
    local inner = value[field.name]
    if inner ~= nil and inner ~= false then
      clue(state, text .. " " .. field.name, release_set(field), 1)
      local records = field.type == "records" and type(inner) == "table" and inner
        or { inner }
      for _, record in ipairs(records) do
        release_clues(state, text .. " " .. field.name, field.fields, record)
      end
    end
  end
end

-- Keeps `words` for raw = { … }, with why, and says so on stderr.
local function keep_raw(state, words, why)
  state.raw[#state.raw + 1] = { words = words, why = why }
  warn(state, string.format("kept in raw (%s): %s", why, table.concat(words, " ")))
end

-- ---------------------------------------------------------------------------
-- Plain emulations: the CONFIG as a ','-joined list of fields

-- The value of `field` read from `text`, or nil.
local function field_value(field, text)
  if field.type == "integer" then
    return integer(text)
  elseif field.type == "boolean" then
    return nil
  end
  return text
end

-- "a number", "a path": what a field's value is, for messages.
local function type_words(field)
  if field.type == "integer" then
    return "a number"
  end
  return "a " .. field.type
end

-- The set of targets where `field` has one of `forms`.
local function form_set(forms, field, ...)
  local set = {}
  for _, form in ipairs({ ... }) do
    for t in pairs(forms[field.name][form] or {}) do
      set[t] = true
    end
  end
  return set
end

-- The keyed field that takes the rest of CONFIG, commas and all
-- (acrn-dm.md: mac_seed= swallows the rest of the string).
local SWALLOWS = { ["virtio-net"] = "mac_seed" }

-- Reads a plain emulation's CONFIG into fields; returns the fields and the
-- spelling clues, or nil and why.
local function parse_plain(emulation, config)
  local forms = field_forms(emulation.kind)
  local fields, clues = {}, {}
  local items = config and config ~= "" and split(config, ",") or {}
  local cursor, i = 1, 1
  local function has(field, form)
    return forms[field.name][form] ~= nil
  end
  -- fields render in the catalogue's order: what comes after a field that
  -- is given is never the bare value of a field before it
  local function take(field, value, text, ...)
    if fields[field.name] ~= nil and field.type ~= "list" then
      return nil, string.format("%s is given twice", field.name)
    end
    for j, other in ipairs(emulation.fields) do
      if other == field then
        cursor = math.max(cursor, j + 1)
      end
    end
    clues[#clues + 1] = { text = emulation.kind .. " " .. show(text),
      set = form_set(forms, field, ...) }
    return value
  end
  while i <= #items do
    local item = items[i]
    local key, text = item:match("^([^=]+)=(.*)$")
    local keyed = key and field_named(emulation.fields, key)
    local named = field_named(emulation.fields, item)
    local value, why
    if keyed and has(keyed, "keyed") then
      if SWALLOWS[emulation.kind] == keyed.name then
        text = table.concat(items, ",", i):match("^[^=]*=(.*)$")
        item, i = keyed.name .. "=" .. text, #items
      end
      value = field_value(keyed, text)
      if value == nil then
        return nil, string.format("%s: %s is not %s", item, show(text), type_words(keyed))
      end
      fields[keyed.name], why = take(keyed, value, item, "keyed")
    elseif named and has(named, "flag") then
      fields[named.name], why = take(named, true, item, "flag")
    elseif named and has(named, "key_value") and items[i + 1] then
      value = field_value(named, items[i + 1])
      if value == nil then
        return nil, string.format("%s,%s: %s is not %s", item, items[i + 1],
          show(items[i + 1]), type_words(named))
      end
      fields[named.name], why = take(named, value, item .. "," .. items[i + 1], "key_value")
      i = i + 1
    else
      local placed = false
      for j = cursor, #emulation.fields do
        local field = emulation.fields[j]
        local fits = (has(field, "bare") and fields[field.name] == nil) or has(field, "list")
        if fits and field.type == "choice" then
          fits = false
          for _, choice in ipairs(field.choices) do
            fits = fits or choice == item
          end
        end
        if fits and field.type == "list" then
          fields[field.name] = fields[field.name] or {}
          table.insert(fields[field.name], item)
          clues[#clues + 1] = { text = emulation.kind .. " " .. show(item),
            set = form_set(forms, field, "list") }
          cursor, placed = j, true
          break
        elseif fits then
          value = field_value(field, item)
          if value ~= nil then
            fields[field.name], why = take(field, value, item, "bare")
            placed = true
            break
          end
        end
      end
      if not placed then
        return nil, string.format("%s is not an option of %s that the catalogue knows",
          show(item), emulation.kind)
      end
    end
    if why then
      return nil, why
    end
    i = i + 1
  end
  return fields, clues
end

-- ---------------------------------------------------------------------------
-- Emulations with a grammar of their own.  Each reads CONFIG (nil when
-- there is none) and returns the fields, or nil and why (and true when
-- acrn-dm itself refuses it).

local DEVICE_GRAMMARS = {}

-- [@]BACKEND:NAME[=PATH][:server|:client], ','-joined.
DEVICE_GRAMMARS["virtio-console"] = function(config)
  local port_fields = field_named(EMULATION["virtio-console"].fields, "ports").fields
  local backends, modes = {}, {}
  for _, choice in ipairs(field_named(port_fields, "backend").choices) do
    backends[choice] = true
  end
  for _, choice in ipairs(field_named(port_fields, "mode").choices) do
    modes[choice] = true
  end
  if not config or config == "" then
    return nil, "no ports (acrn-dm requires at least one)", true
  end
  local ports = {}
  for _, item in ipairs(split(config, ",")) do
    local at, body = item:match("^(@?)(.*)$")
    local backend, rest = body:match("^([^:]*):(.*)$")
    if not backend then
      return nil, string.format("port %s has no BACKEND:NAME (acrn-dm refuses it)", show(item)),
        true
    end
    if not backends[backend] then
      return nil, string.format("port %s: %s is not a backend the catalogue knows", show(item),
        show(backend))
    end
    local name, path = rest:match("^([^=]*)=(.*)$")
    name = name or rest
    local port = { backend = backend }
    if name ~= backend .. "_port" then
      port.name = name
    end
    if path and backend == "socket" then
      local base, mode = path:match("^(.*):(%a+)$")
      if base and modes[mode] then
        path, port.mode = base, mode
      end
    end
    port.path = path
    if at == "@" then
      port.console = true
    end
    ports[#ports + 1] = port
  end
  return { ports = ports }
end

-- vuart_idx:N, or a UART backend (none: "").
DEVICE_GRAMMARS.uart = function(config)
  local index = config and config:match("^vuart_idx:(.*)$")
  if index then
    local number = integer(index)
    if not number then
      return nil, string.format("vuart_idx %s is not a number", show(index))
    end
    return { vuart_idx = number }
  end
  return { backend = config or "" }
end

-- BUS-PORT[,BUS-PORT…][:tablet][:log=X][:cap=apl]
DEVICE_GRAMMARS.xhci = function(config)
  if not config or config == "" then
    return nil, "no configuration (acrn-dm requires one)", true
  end
  local fields = {}
  for i, segment in ipairs(split(config, ":")) do
    local ports = {}
    for _, port in ipairs(split(segment, ",")) do
      if port:match("^%d+%-%d+$") then
        ports[#ports + 1] = port
      end
    end
    if i == 1 and #ports > 0 and #ports == #split(segment, ",") then
      fields.ports = ports
    elseif segment == "tablet" then
      fields.tablet = true
    elseif segment:match("^log=") then
      fields.log = segment:sub(5)
    elseif segment:match("^cap=") then
      fields.cap = segment:sub(5)
    else
      return nil, string.format("%s is not BUS-PORT,… then :tablet, :log=X or :cap=X",
        show(segment))
    end
  end
  return fields
end

-- [hd:|cd:]PATH[,ro][,writeback|writethru][,hd:PATH…]
DEVICE_GRAMMARS.ahci = function(config)
  local port_fields = field_named(EMULATION.ahci.fields, "ports").fields
  local caches = {}
  for _, choice in ipairs(field_named(port_fields, "cache").choices) do
    caches[choice] = true
  end
  local ports = {}
  for i, item in ipairs(config and split(config, ",") or {}) do
    local kind, path = item:match("^(%a%a):(.*)$")
    local port = ports[#ports]
    if kind == "hd" or kind == "cd" then
      ports[#ports + 1] = { [kind] = path }
    elseif i == 1 then
      ports[1] = { hd = item }
    elseif item == "ro" and port and port.ro == nil then
      port.ro = true
    elseif caches[item] and port and port.cache == nil then
      port.cache = item
    else
      return nil, string.format("%s is not a port option the catalogue knows", show(item))
    end
  end
  if #ports == 0 then
    return nil, "no ports (acrn-dm requires at least one)", true
  end
  return { ports = ports }
end

-- BUS[:ADDR…], ','-joined; ADDR in hex.
DEVICE_GRAMMARS["virtio-i2c"] = function(config)
  local adapters = {}
  for _, item in ipairs(config and split(config, ",") or {}) do
    local parts = split(item, ":")
    local bus = integer(parts[1])
    if not bus then
      return nil, string.format("adapter %s does not start with a bus number", show(item))
    end
    local adapter = { bus = bus }
    for k = 2, #parts do
      local address = parts[k]:match("^0[xX](%x+)$") or parts[k]:match("^(%x+)$")
      if not address then
        return nil, string.format("adapter %s: %s is not a hex address (the catalogue has no "
          .. "@NODE)", show(item), show(parts[k]))
      end
      adapter.addresses = adapter.addresses or {}
      adapter.addresses[#adapter.addresses + 1] = tonumber(address, 16)
    end
    adapters[#adapters + 1] = adapter
  end
  if #adapters == 0 then
    return nil, "no adapters (acrn-dm requires at least one)", true
  end
  return { adapters = adapters }
end

-- @CHIP{LINE:LINE…}@CHIP{…}
DEVICE_GRAMMARS["virtio-gpio"] = function(config)
  local chips, at = {}, 1
  config = config or ""
  while at <= #config do
    local chip, lines, next_at = config:match("^@([^{}@]*){([^{}]*)}()", at)
    if not chip then
      return nil, string.format("%s is not @CHIP{LINE:…}", show(config:sub(at)))
    end
    chips[#chips + 1] = { chip = chip, lines = lines ~= "" and split(lines, ":") or {} }
    at = next_at
  end
  if #chips == 0 then
    return nil, "no chips (acrn-dm requires at least one)", true
  end
  return { chips = chips }
end

-- geometry=…, one per screen.
DEVICE_GRAMMARS["virtio-gpu"] = function(config)
  local screens = {}
  for _, item in ipairs(config and config ~= "" and split(config, ",") or {}) do
    local geometry = item:match("^geometry=(.*)$")
    if not geometry then
      return nil, string.format("%s is not geometry=…", show(item))
    end
    screens[#screens + 1] = { geometry = geometry }
  end
  return { screens = #screens > 0 and screens or nil }
end

-- PROVIDER:/NAME,SIZE[,REGION]
DEVICE_GRAMMARS.ivshmem = function(config)
  local items = config and split(config, ",") or {}
  local provider, name = (items[1] or ""):match("^(%a+):/(.*)$")
  local size, region = integer(items[2]), items[3] and integer(items[3])
  if not provider or not size or #items > 3 or (items[3] and not region) then
    return nil, "not PROVIDER:/NAME,SIZE[,REGION]"
  end
  return { provider = provider, name = name, size = size, region = region }
end

-- -l COMn[,BACKEND] (com5: com5,BACKEND,IOPORT,IRQ), for the lpc device:
-- the field name and its value, or nil and why.
local function lpc_argument(value)
  local name, rest = value:match("^([^,]*),?(.*)$")
  local field = field_named(EMULATION.lpc.fields, name:lower())
  if not field then
    return nil, string.format("%s is not a UART the catalogue knows", show(name))
  end
  if field.type ~= "record" then
    return field.name, rest
  end
  local record, parts = {}, split(rest, ",")
  if #parts ~= #field.fields then
    return nil, string.format("%s takes %d values after it", field.name, #field.fields)
  end
  for k, part in ipairs(parts) do
    local inner = field.fields[k]
    record[inner.name] = field_value(inner, part)
    if record[inner.name] == nil then
      return nil, string.format("%s: %s is not %s", field.name, show(part), type_words(inner))
    end
  end
  return field.name, record
end
DEVICE_ARGUMENTS["-l"] = { kind = "lpc", read = lpc_argument }

-- Integers written in hex in the recipe, by path of field names.
local HEX = {
  ["lpc.com5.ioport"] = true, ["virtio_i2c.adapters.addresses"] = true,
  ["mmiodev_pt.base"] = true, ["mmiodev_pt.size"] = true, ["acpidev_pt.min"] = true,
  ["acpidev_pt.len"] = true,
}

-- ---------------------------------------------------------------------------
-- Global options with a grammar of their own.  Each reads the option's
-- value and returns the VM field's value (or a function of the target that
-- returns it), or nil and why.  `repeat` ones add one record per option.

local OPTION_GRAMMARS = {}

-- [w,]PATH or [w,]code=PATH,vars=PATH
OPTION_GRAMMARS.ovmf = function(text)
  local items = split(text, ",")
  local value = {}
  if items[1] == "w" and #items > 1 then
    value.writable = true
    table.remove(items, 1)
  end
  for _, item in ipairs(items) do
    local key, path = item:match("^(%a+)=(.*)$")
    if #items == 1 and not (key == "code" or key == "vars") then
      value.path = item
    elseif (key == "code" or key == "vars") and value[key] == nil then
      value[key] = path
    else
      return nil, string.format("%s is not [w,]PATH or [w,]code=PATH,vars=PATH", show(text))
    end
  end
  if value.path and not value.writable then
    return value.path
  end
  return value
end

-- ID[,ID…]: CPU numbers up to 2.7, LAPIC ids from 3.0; which one is
-- learnt from the catalogue's check for the release.
local lapic_targets

OPTION_GRAMMARS.cpu_affinity = function(text)
  local ids = {}
  for _, item in ipairs(split(text, ",")) do
    ids[#ids + 1] = integer(item)
    if not ids[#ids] then
      return nil, string.format("%s is not a list of numbers", show(text))
    end
  end
  if not lapic_targets then
    lapic_targets = targets_where(function(t)
      return option_words("cpu_affinity", { lapic_ids = { 1 } }, TARGETS[t]) ~= nil
    end)
  end
  return function(target)
    for t, name in ipairs(TARGETS) do
      if name == target and lapic_targets[t] then
        return { lapic_ids = ids }
      end
    end
    return { cpus = ids }
  end
end

-- THRESHOLD,PROBE_PERIOD,DELAY_TIME,DELAY_DURATION
OPTION_GRAMMARS.intr_monitor = function(text)
  local parts, value = split(text, ","), {}
  local fields = OPTION.intr_monitor.fields
  if #parts ~= #fields then
    return nil, string.format("%s is not %d numbers", show(text), #fields)
  end
  for k, field in ipairs(fields) do
    value[field.name] = integer(parts[k])
    if not value[field.name] then
      return nil, string.format("%s is not a number", show(parts[k]))
    end
  end
  return value
end

-- NAME,level=N[;NAME,level=N…]
OPTION_GRAMMARS.logger = function(text)
  local value = {}
  for _, item in ipairs(split(text, ";")) do
    local name, level = item:match("^([^,]*),level=(%d+)$")
    if not name or not field_named(OPTION.logger.fields, name) or value[name] then
      return nil, string.format("%s is not NAME,level=N for console, kmsg or disk", show(item))
    end
    value[name] = integer(level)
  end
  return value
end

-- L2|L3,vcpu=N/N…|all,size=SIZE[;…] (3.x); nothing before 3.0.
OPTION_GRAMMARS.ssram = function(text)
  if text == nil then
    return true
  end
  local regions = {}
  for _, item in ipairs(split(text, ";")) do
    local cache, vcpus, size = item:match("^([^,]*),vcpu=([^,]*),size=([^,]*)$")
    if not cache then
      return nil, string.format("%s is not CACHE,vcpu=LIST,size=SIZE", show(item))
    end
    local region = { cache = cache, size = size }
    if vcpus == "all" then
      region.all = true
    else
      region.vcpus = {}
      for _, vcpu in ipairs(split(vcpus, "/")) do
        region.vcpus[#region.vcpus + 1] = integer(vcpu)
        if not region.vcpus[#region.vcpus] then
          return nil, string.format("vcpu %s is not a number", show(vcpu))
        end
      end
    end
    regions[#regions + 1] = region
  end
  return regions
end

-- Whether `text` reads as --ssram's regions (and not as the next option).
local function looks_like_regions(text)
  return text ~= nil and text:match("^L%d,vcpu=") ~= nil
end

-- sock_path=PATH
OPTION_GRAMMARS.vtpm2 = function(text)
  local path = text:match("^sock_path=(.*)$")
  if not path then
    return nil, string.format("%s is not sock_path=PATH", show(text))
  end
  return path
end

-- HID[,UID] up to 3.2; 3.3: HID[,uid=UID][,type=…,min=…,len=…,irq=…,…]
local uid_bare_targets, uid_keyed_targets

OPTION_GRAMMARS.acpidev_pt = function(text, state)
  local items = split(text, ",")
  local fields = OPTION.acpidev_pt.fields
  local record = { hid = items[1] }
  if not uid_bare_targets then
    local function spelled(form)
      return targets_where(function(t)
        local words = option_words("acpidev_pt", { { hid = "PNP0501", uid = "u1" } }, TARGETS[t])
        return words ~= nil and words[2] == form
      end)
    end
    uid_bare_targets, uid_keyed_targets = spelled("PNP0501,u1"), spelled("PNP0501,uid=u1")
  end
  for k = 2, #items do
    local key, value = items[k]:match("^([^=]+)=(.*)$")
    local field = key and field_named(fields, key)
    if k == 2 and not key then
      record.uid = items[k]
      clue(state, "--acpidev_pt " .. items[1] .. "," .. items[k], uid_bare_targets, 1)
    elseif field and record[key] == nil then
      record[key] = field_value(field, value)
      if record[key] == nil then
        return nil, string.format("%s is not %s", show(items[k]), type_words(field))
      end
      if key == "uid" then
        clue(state, "--acpidev_pt " .. items[1] .. "," .. items[k], uid_keyed_targets, 1)
      end
    else
      return nil, string.format("%s is not an acpidev_pt option the catalogue knows",
        show(items[k]))
    end
  end
  return record
end

-- 0xBASE,0xSIZE
OPTION_GRAMMARS.mmiodev_pt = function(text)
  local base, size = text:match("^([^,]+),([^,]+)$")
  if not (integer(base) and integer(size)) then
    return nil, string.format("%s is not 0xBASE,0xSIZE", show(text))
  end
  return { base = integer(base), size = integer(size) }
end

-- The options given once per record.
local REPEATED = { acpidev_pt = true, mmiodev_pt = true }

-- The value of a plain option from its text, or nil and why.
local function plain_option_value(option, text)
  if option.type == "integer" then
    local number = integer(text)
    if not number then
      return nil, string.format("%s is not a number", show(text))
    end
    return number
  elseif option.type == "record" or option.type == "records" or option.type == "list" then
    return nil, "the catalogue has no grammar for it"
  end
  return text
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
    local from = release_number(option.ignored)
    clue(state, text .. " (ignored from " .. option.ignored .. ")", targets_where(function(t)
      return TARGET_NUMBER[t] < from
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

-- ---------------------------------------------------------------------------
-- The target

-- The index of target `name`, or nil.
local function target_index(name)
  for t, known in ipairs(TARGETS) do
    if known == name then
      return t
    end
  end
  return nil
end

-- The clues grouped by their text, in order: { text, set, soft }.
local function clue_groups(clues)
  local groups, by_text = {}, {}
  for _, found in ipairs(clues) do
    local key = (found.tier == "soft" and "soft " or "hard ") .. found.text
    local group = by_text[key]
    if not group then
      group = { text = found.text, set = copy(ALL), soft = found.tier == "soft" }
      by_text[key] = group
      groups[#groups + 1] = group
    end
    group.set = set_and(group.set, found.set)
  end
  return groups
end

-- The clues that explain why `chosen` and not the release after it (or,
-- for the newest, not the one before `range`), as text.
local function reasons(clues, range, before_soft, chosen)
  local above = chosen < #TARGETS and chosen + 1 or nil
  local below = set_min(range) - 1
  local texts = {}
  for _, group in ipairs(clue_groups(clues)) do
    local binding
    if group.soft then
      binding = above and before_soft[above] and not group.set[above]
    else
      binding = (above and not group.set[above]) or (below >= 1 and not group.set[below])
    end
    if binding then
      texts[#texts + 1] = group.soft and group.text
        or string.format("%s (%s)", group.text, set_text(group.set))
    end
  end
  if #texts > 4 then
    local more = #texts - 4
    texts = { table.unpack(texts, 1, 4) }
    texts[5] = string.format("and %d more", more)
  end
  return table.concat(texts, "; ")
end

-- Chooses the target from the clues (or takes the given one); returns the
-- target and a sentence saying how.  Spellings (tier 1) must agree; where
-- each piece is valid (tier 2) narrows further when it can; options that a
-- release ignores make the releases before it likelier (soft).  The
-- default release is chosen where it fits, else the newest that does.
local function choose_target(state)
  local default = acrn.defaults.target
  if not target_index(default) then
    default = catalog.default_target
  end
  local hard = copy(ALL)
  for _, found in ipairs(state.clues) do
    if found.tier == 1 then
      hard = set_and(hard, found.set)
    end
  end
  if state.given_target then
    local given = target_index(state.given_target)
    for _, group in ipairs(clue_groups(state.clues)) do
      if not group.soft and given and not group.set[given] then
        warn(state, string.format("%s is written for ACRN %s; the recipe renders it for %s",
          group.text, set_text(group.set), state.given_target))
      end
    end
    return state.given_target, state.given_how or "given with --target"
  end
  if set_count(hard) == 0 then
    local texts = {}
    for _, group in ipairs(clue_groups(state.clues)) do
      if not group.soft and not set_is_all(group.set) then
        texts[#texts + 1] = string.format("%s (%s)", group.text, set_text(group.set))
      end
    end
    problem(state, "no ACRN release accepts all of: " .. table.concat(texts, "; ")
      .. " (give --target to convert the line to one release)")
    return default, "the default release (the command line mixes releases)"
  end
  local range = hard
  for _, found in ipairs(state.clues) do
    if found.tier == 2 and set_count(set_and(range, found.set)) > 0 then
      range = set_and(range, found.set)
    end
  end
  local before_soft = range
  for _, found in ipairs(state.clues) do
    if found.tier == "soft" and set_count(set_and(range, found.set)) > 0 then
      range = set_and(range, found.set)
    end
  end
  if set_is_all(range) then
    return default, "the default: nothing on the command line is release-specific"
  end
  local chosen = set_max(range)
  if range[target_index(default)] then
    chosen = target_index(default)
  end
  local which = chosen == #TARGETS and "the newest release" or chosen == target_index(default)
    and "the default release" or "the newest release"
  return TARGETS[chosen], string.format("%s that fits (%s): %s", which, set_text(range),
    reasons(state.clues, range, before_soft, chosen))
end

-- ---------------------------------------------------------------------------
-- parse

-- A device value with ',' cannot stay in its device (the catalogue splits
-- a -s string there), but a VM field of the same name renders into every
-- device of that kind that lacks it: the VM's mac_seed goes into each NIC
-- without a MAC from 3.0.  Where all those devices share the value, it
-- moves up to the VM.
local function lift_shared(state, target)
  for _, option in ipairs(catalog.options) do
    local shared
    for _, device in ipairs(state.devices) do
      local value = device.fields[option.name]
      if type(value) == "string" and value:find(",", 1, true) then
        shared = (shared == nil or shared == value) and value or false
      end
    end
    if shared and state.fields[option.name] == nil then
      local moved = copy(state.devices)
      for _, device in ipairs(moved) do
        if device.fields[option.name] == shared then
          device.fields[option.name] = nil
        end
      end
      -- only when every device renders as it was written
      local ok, argv = pcall(function()
        local vm = M.vm({ name = "v", target = target, devices = moved, fields = {}, raw = {} })
        vm[option.name] = shared
        return vm:argv()
      end)
      local rendered = {}
      for i = 2, ok and #argv or 0 do
        if argv[i - 1] == "-s" then
          rendered[argv[i]:match("^[^,]*,(.*)$")] = true
        end
      end
      local same = ok
      for _, device in ipairs(state.devices) do
        same = same and rendered[device.source:match("^%-s [^,]*,(.*)$")] ~= nil
      end
      if same then
        state.devices = moved
        state.fields[option.name] = shared
      end
    end
  end
end

-- Whether `word` names acrn-dm itself (a program, not an argument):
-- acrn-dm, /usr/bin/acrn-dm, ./acrn-dm-3.3.
local function is_program(word)
  return word ~= nil and word:match("[^/]*$"):match("^acrn%-dm[%w._-]*$") ~= nil
end

-- Reads acrn-dm's arguments (the program may come first) into a
-- description: { target, target_how, name, program, dm, fields, devices,
-- raw, warnings, problems, argv }.  `options.target` gives the release
-- (and `options.target_how` says where it came from).
function M.parse(argv, options)
  options = options or {}
  local state = new_state(options)
  local words = {}
  for i, word in ipairs(argv) do
    words[i] = word
  end
  local program
  if is_program(words[1]) then
    program = table.remove(words, 1)
  end
  local events = scan(state, words)

  -- the VM name: the last word that is not an option or its value
  local positionals = {}
  for _, e in ipairs(events) do
    if e.positional then
      positionals[#positionals + 1] = e
    end
  end
  local name_event = positionals[#positionals]
  for _, e in ipairs(positionals) do
    if e ~= name_event then
      if e.after then
        table.insert(e.after.unknown, e.positional)
        e.after.closed = true
      else
        problem(state, string.format("acrn-dm takes one VM name, but %s and %s are both left "
          .. "over (acrn-dm refuses it)", show(e.positional), show(name_event.positional)))
      end
    end
  end
  if not name_event then
    problem(state, "no VM name: acrn-dm takes the name as its last argument")
  end

  for _, e in ipairs(events) do
    if e.unknown then
      keep_raw(state, e.unknown, "not an option the catalogue knows")
    elseif e.key == "-s" then
      add_device(state, e.value, "-s " .. e.value)
    elseif DEVICE_ARGUMENTS[e.key] then
      e.devices_before = #state.devices
      state.pending[#state.pending + 1] = e
    elseif PRINTING[e.key] then
      problem(state, string.format("%s: acrn-dm %s and starts no VM", e.text, PRINTING[e.key]))
    elseif e.key then
      apply_option(state, e.key, e.value, e.text)
    end
  end

  -- -l and -G belong to a device: the last one of its kind before them
  -- (as acrn-launch renders them), else the first
  for _, e in ipairs(state.pending) do
    local kind = DEVICE_ARGUMENTS[e.key].kind
    local field_name, value = DEVICE_ARGUMENTS[e.key].read(e.value)
    local device
    for k, d in ipairs(state.devices) do
      if d.kind == kind and (not device or k <= e.devices_before) then
        device = d
      end
    end
    if not field_name then
      keep_raw(state, { e.key, e.value }, value)
    elseif not device then
      keep_raw(state, { e.key, e.value }, string.format("no %s device for it to belong to", kind))
    else
      if device.fields[field_name] ~= nil then
        warn(state, string.format("%s: %s is given more than once; acrn-dm uses the last", e.text,
          field_name))
      end
      device.fields[field_name] = value
      local field = field_named(EMULATION[device.kind].fields, field_name)
      clue(state, e.text, release_set(field), 2)
    end
  end

  -- where each device is valid as read
  for _, device in ipairs(state.devices) do
    clue(state, device.source, targets_where(function(t)
      return render_items(device.constructor, device.fields, TARGETS[t]) ~= nil
    end), 2)
  end
  local name = name_event and name_event.positional
  if name then
    clue(state, "the VM name " .. show(name), targets_where(function(t)
      return #name <= catalog.name_max[TARGETS[t]]
    end), 2)
  end

  local target, how = choose_target(state)
  for option_name, value_for in pairs(state.values_for_target) do
    state.fields[option_name] = value_for(target)
  end
  lift_shared(state, target)

  -- the kernel command line, as a list where that changes nothing
  local bootargs = state.fields.bootargs
  if bootargs ~= nil then
    local ok, list = pcall(kparams.new, bootargs)
    if not ok then
      state.fields.bootargs = nil
      keep_raw(state, { "-B", bootargs }, "the kernel command line: " .. tostring(list))
    elseif bootargs == "" then
      state.fields.bootargs = nil
      warn(state, "-B \"\": an empty kernel command line is the same as none; left out")
    else
      state.fields.bootargs = list:list()
      if list:render() ~= bootargs then
        warn(state, string.format("-B: the kernel command line is written %s (the same "
          .. "parameters, spacing and quotes normalised)", show(list:render())))
      end
    end
  end

  local dm
  if program and program:sub(1, 1) == "/" and program ~= acrn.defaults.dm then
    dm = program
  elseif program and program:find("/", 1, true) then
    warn(state, string.format("the program %s is not a full path: the recipe runs the "
      .. "default %s", show(program), acrn.defaults.dm))
  end

  local description = {
    target = target, target_how = how, name = name, program = program, dm = dm,
    fields = state.fields, devices = state.devices, raw = state.raw,
    warnings = state.warnings, problems = state.problems, argv = argv,
  }
  if #state.problems == 0 then
    local ok, message = M.check(description)
    if not ok then
      problem(state, message)
    end
  end
  return description
end

-- ---------------------------------------------------------------------------
-- The VM a description makes

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

-- ---------------------------------------------------------------------------
-- Reading a command line from a file

-- Splits shell text into commands of words: quotes, backslashes,
-- continuation lines, comments, ; && || | and redirections.  Returns the
-- commands and warnings (unexpanded variables), or nil and why.
local function shell_commands(text)
  local commands, command, word = {}, {}, nil
  local warnings, i, n = {}, 1, #text
  local function finish_word()
    if word then
      command[#command + 1] = word
      word = nil
    end
  end
  local function finish_command()
    finish_word()
    if #command > 0 then
      commands[#commands + 1] = command
      command = {}
    end
  end
  local function expansion(at)
    local name = text:match("^%$[{(]?[%w_@*#?]*", at)
    warnings[#warnings + 1] = string.format("%s is a shell expansion: kept as written", name)
  end
  while i <= n do
    local c = text:sub(i, i)
    if c == "\\" then
      local nxt = text:sub(i + 1, i + 1)
      if nxt ~= "\n" then
        word = (word or "") .. nxt
      end
      i = i + 2
    elseif c == "'" then
      local close = text:find("'", i + 1, true)
      if not close then
        return nil, "an unterminated ' quote"
      end
      word = (word or "") .. text:sub(i + 1, close - 1)
      i = close + 1
    elseif c == '"' then
      word = word or ""
      i = i + 1
      while true do
        local d = text:sub(i, i)
        if d == "" then
          return nil, "an unterminated \" quote"
        elseif d == '"' then
          i = i + 1
          break
        elseif d == "\\" and text:sub(i + 1, i + 1):match('^[$`"\\\n]$') then
          if text:sub(i + 1, i + 1) ~= "\n" then
            word = word .. text:sub(i + 1, i + 1)
          end
          i = i + 2
        else
          if d == "$" or d == "`" then
            expansion(i)
          end
          word = word .. d
          i = i + 1
        end
      end
    elseif c == "\n" or c == ";" or c == "&" or c == "|" then
      finish_command()
      i = i + 1
    elseif c:match("%s") then
      finish_word()
      i = i + 1
    elseif c == "#" and word == nil then
      i = (text:find("\n", i, true) or n + 1)
    elseif c == ">" or c == "<" then
      if word and word:match("^%d+$") then
        word = nil
      end
      finish_word()
      local _, last = text:find("^[<>]+&?%s*", i)
      i = last + 1
      local _, target_end = text:find("^[^%s;&|]*", i)
      i = target_end + 1
    else
      if c == "$" or c == "`" then
        expansion(i)
      end
      word = (word or "") .. c
      i = i + 1
    end
  end
  finish_command()
  return commands, warnings
end

local MARKER = "Launch device model with parameters:"

-- Rejoins the values an echo split at spaces (-B, -G): each takes the words
-- after it up to the next option, short of the last word (the name).
local function regroup(words)
  local out, i = {}, 1
  while i <= #words do
    local word = words[i]
    local spaced = SPACED[word] and words[i + 1] ~= nil
    local glued = not spaced and (word:match("^%-%-[%w_]+=") and SPACED[word:match("^(%-%-[%w_]+)=")]
      or (word:match("^%-%a.") and SPACED[word:sub(1, 2)]))
    if spaced then
      out[#out + 1] = word
      i = i + 1
      word = words[i]
    end
    if spaced or glued then
      while i + 1 < #words and words[i + 1]:sub(1, 1) ~= "-" do
        i = i + 1
        word = word .. " " .. words[i]
      end
    end
    out[#out + 1] = word
    i = i + 1
  end
  return out
end

-- The acrn-dm words in a file's text (see usage), or nil and why; also
-- warnings.
function M.words_from_text(text)
  text = text:gsub("\r\n", "\n")
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    local at = line:find(MARKER, 1, true)
    if at and not line:find("$", at, true) then
      local words = {}
      for word in line:sub(at + #MARKER):gmatch("%S+") do
        words[#words + 1] = word
      end
      return regroup(words), {}
    end
  end
  local commands, warnings = shell_commands(text)
  if not commands then
    return nil, warnings
  end
  -- the command that gives acrn-dm the most arguments (not a test for it)
  local best
  for _, command in ipairs(commands) do
    for k, word in ipairs(command) do
      if is_program(word) and (not best or #command - k > #best - 1) then
        best = { table.unpack(command, k) }
      end
    end
  end
  if best then
    return best, warnings
  end
  if #commands == 1 then
    return commands[1], warnings
  end
  return nil, "no acrn-dm command line found (no acrn-dm word, and more than one command)"
end

-- ---------------------------------------------------------------------------
-- The subcommand

local function say(message)
  io.stderr:write("acrn-launch: import: ", message, "\n")
end

-- Reads the subcommand's arguments; returns options or nil and why.
local function parse_args(args)
  local options, i = { words = nil }, 1
  local valued = { ["--target"] = "target", ["--from"] = "from", ["-o"] = "output",
    ["--output"] = "output" }
  while i <= #args do
    local word = args[i]
    local name, value = word:match("^(%-%-[%w-]+)=(.*)$")
    name = name or word
    if word == "--" then
      options.words = { table.unpack(args, i + 1) }
      break
    elseif word == "-h" or word == "--help" then
      options.help = true
    elseif valued[name] then
      if value == nil then
        i = i + 1
        value = args[i]
      end
      if value == nil or value == "" then
        return nil, name .. " needs a value"
      end
      if options[valued[name]] then
        return nil, name .. " is given twice"
      end
      options[valued[name]] = value
    elseif word:sub(1, 1) == "-" then
      return nil, "unknown option " .. word .. " (put acrn-dm's arguments after --)"
    else
      return nil, "unexpected " .. show(word) .. " (put acrn-dm's arguments after --)"
    end
    i = i + 1
  end
  if options.help then
    return options
  end
  if options.words and options.from then
    return nil, "give either --from FILE or the arguments after --, not both"
  end
  if not options.words and not options.from then
    return nil, "no command line: give --from FILE or acrn-dm's arguments after --"
  end
  if options.words and #options.words == 0 then
    return nil, "no acrn-dm arguments after --"
  end
  return options
end

-- Reads a whole file ("-": standard input); returns its text or nil, why.
local function read_all(path)
  if path == "-" then
    return io.stdin:read("a")
  end
  local file, message = io.open(path, "rb")
  if not file then
    return nil, message
  end
  local text = file:read("a")
  file:close()
  return text
end

-- `acrn-launch import ARGS…`; returns the exit status.
function M.main(args)
  local options, why = parse_args(args)
  if not options then
    say(why)
    say("try 'acrn-launch import --help'")
    return EXIT_USAGE
  end
  if options.help then
    io.stdout:write(M.usage)
    return EXIT_OK
  end
  local how
  if options.target == "auto" then
    local ok, resolved = pcall(acrn.resolve_target, "auto")
    if not ok then
      say(tostring(resolved))
      return EXIT_REFUSED
    end
    options.target, how = resolved, "given with --target auto: what acrn-dm -v says"
  end
  if options.target and not catalog.name_max[options.target] then
    say(string.format("unknown target %s (known: %s, auto)", show(options.target),
      table.concat(TARGETS, ", ")))
    return EXIT_USAGE
  end
  local words = options.words
  if options.from then
    local text, message = read_all(options.from)
    if not text then
      say("cannot read " .. message)
      return EXIT_REFUSED
    end
    local warnings
    words, warnings = M.words_from_text(text)
    if not words then
      say(options.from .. ": " .. warnings)
      return EXIT_REFUSED
    end
    for _, warning in ipairs(warnings) do
      say("warning: " .. warning)
    end
  end
  local description = M.parse(words, { target = options.target, target_how = how })
  for _, warning in ipairs(description.warnings) do
    say("warning: " .. warning)
  end
  if #description.problems > 0 then
    for _, message in ipairs(description.problems) do
      say(message)
    end
    return EXIT_REFUSED
  end
  local text = M.recipe(description)
  if options.output then
    local file, message = io.open(options.output, "wb")
    if not file then
      say("cannot write " .. message)
      return EXIT_REFUSED
    end
    file:write(text)
    file:close()
  else
    io.stdout:write(text)
  end
  return EXIT_OK
end

return M
