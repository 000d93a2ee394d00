-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: reading CONFIG strings and option values.  Plain
-- emulations are read field by field with the spellings acrn.import.forms
-- learnt (parse_plain); the emulations and global options whose value is
-- not a list of fields have a small parser each (DEVICE_GRAMMARS,
-- OPTION_GRAMMARS, lpc_argument for -l).
local acrn = require "acrn"
local core = require "acrn.core"
local forms_ = require "acrn.import.forms"
local releases = require "acrn.import.releases"
local state_ = require "acrn.import.state"
local util = require "acrn.import.util"

core.internal()

local M = {}

local TARGETS = acrn.catalog.targets
local field_forms, option_words = forms_.field_forms, forms_.option_words
local targets_where = releases.targets_where
local clue = state_.clue
local show, split, integer = util.show, util.split, util.integer
local field_named, EMULATION, OPTION = util.field_named, util.EMULATION, util.OPTION

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

M.parse_plain = parse_plain
M.DEVICE_GRAMMARS = DEVICE_GRAMMARS
M.lpc_argument = lpc_argument
M.HEX = HEX
M.OPTION_GRAMMARS = OPTION_GRAMMARS
M.looks_like_regions = looks_like_regions
M.REPEATED = REPEATED
M.plain_option_value = plain_option_value

return M
