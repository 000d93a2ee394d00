-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: one acrn-dm command line (its words) becomes a VM
-- description.  The core reads every word (core.scan_argv, scan_device,
-- scan_option, scan_device_option); this module only decides: which
-- release the line is for, where each -l and -G belongs, what goes into
-- raw, and which slots the recipe must pin.  read(words, options) returns
-- the description that acrn.recipe writes and whether acrn-dm would refuse
-- the line.
local acrn = require "acrn"
local core = require "acrn.core"
local host_text = require "acrn.host_text"
local kparams = require "acrn.kparams"
local layout = require "acrn.layout"
local recipe = require "acrn.recipe"
local util = require "acrn.util"
local show = util.show

core.internal()

local M = {}

local TARGETS = core.targets()

-- ---------------------------------------------------------------------------
-- Releases, as sets of targets (by index in TARGETS)

-- The set of targets for which `keep(target)` is true.
local function targets_where(keep)
  local set = {}
  for i, target in ipairs(TARGETS) do
    if keep(target) then
      set[i] = true
    end
  end
  return set
end

-- "up to 2.6", "3.0 and later", "2.2 to 2.4", "2.7 only", a list, or "no
-- release": the targets of `set`, for a person.
function M.set_text(set)
  local lo, hi
  for i in pairs(set) do
    lo, hi = math.min(lo or i, i), math.max(hi or i, i)
  end
  if not lo then
    return "no release"
  end
  for i = lo, hi do
    if not set[i] then
      local names = {}
      for j = lo, hi do
        names[#names + 1] = set[j] and TARGETS[j] or nil
      end
      return table.concat(names, ", ")
    end
  end
  if lo == 1 and hi == #TARGETS then
    return "every release"
  elseif lo == hi then
    return TARGETS[lo] .. " only"
  elseif lo == 1 then
    return "up to " .. TARGETS[hi]
  elseif hi == #TARGETS then
    return TARGETS[lo] .. " and later"
  end
  return TARGETS[lo] .. " to " .. TARGETS[hi]
end

local function count(set)
  local n = 0
  for _ in pairs(set) do
    n = n + 1
  end
  return n
end

local function index_of(target)
  for i, name in ipairs(TARGETS) do
    if name == target then
      return i
    end
  end
  return nil
end

-- ---------------------------------------------------------------------------
-- Small helpers

local copy = util.copy

local function emulation(constructor)
  return acrn.emulations[constructor]
end

local options_by_name -- read once, when first needed

local function option_field(name)
  if not options_by_name then
    options_by_name = {}
    for _, option in ipairs(acrn.catalog.options) do
      options_by_name[option.name] = option
    end
  end
  return options_by_name[name]
end

-- Whether `word` names acrn-dm itself: acrn-dm, /usr/bin/acrn-dm.
function M.is_program(word)
  return type(word) == "string" and word:match("[^/]*$"):match("^acrn%-dm[%w._-]*$") ~= nil
end

-- The words of an event, as the line wrote them, and as one text.
local function words_of(words, event)
  return { table.unpack(words, event.first, event.first + event.count - 1) }
end

local function event_text(words, event)
  return table.concat(words.display or words, " ", event.first, event.first + event.count - 1)
end

-- ---------------------------------------------------------------------------
-- Reading each piece for one target

-- The device a device event stands for on `target`: { constructor, fields,
-- bus, slot, func, junk } or nil, why, "unknown"|"refused".
local function read_device(target, event)
  local slot_text, rest = event.value:match("^([^,]*),(.+)$")
  if not slot_text then
    return nil, "has no emulation after the slot (acrn-dm refuses it)", "refused"
  end
  local bus, slot, func, junk = core.scan_slot(slot_text)
  if not bus then
    return nil, slot .. " (acrn-dm refuses it)", "refused"
  end
  local constructor, fields, kind = core.scan_device(target, rest)
  if not constructor then
    return nil, fields, kind
  end
  return { constructor = constructor, fields = fields, bus = bus, slot = slot, func = func,
    junk = junk }
end

-- Whether `device` (read for `target`) is valid there on its own.
local function device_valid(target, device)
  local ok, made = pcall(acrn[device.constructor], copy(device.fields))
  return ok and core.render(made, target) ~= nil
end

-- Whether VM field `name` = `value` is valid for `target` on its own.
local function option_valid(target, name, value)
  local ok, vm = pcall(acrn.vm, { name = "v", target = target, devices = { acrn.hostbridge {} } })
  if not ok then
    return false
  end
  local set = pcall(function() vm[name] = copy(value) end)
  return set and vm:check() ~= nil
end

-- The set of targets where one piece of the line (an event) is fine, or
-- nil when it says nothing about the release.
local function piece_set(event, name_event)
  if event == name_event then
    return targets_where(function(target)
      return #event.value <= acrn.catalog.name_max[target]
    end)
  elseif event.kind == "option" then
    -- where the option is read (a release that reads it raw is another's
    -- than the line's), and valid where that says more
    local read = targets_where(function(target)
      return core.accepts(target, event) ~= "no"
        and core.scan_option(target, event.option, event.value) ~= nil
    end)
    local valid = targets_where(function(target)
      return read[index_of(target)] and (core.accepts(target, event) == "ignored"
        or option_valid(target, event.option, core.scan_option(target, event.option,
          event.value)))
    end)
    return count(valid) > 0 and valid or read
  elseif event.kind == "device" then
    local read = targets_where(function(target)
      local device = read_device(target, event)
      return device ~= nil and core.accepts(target, emulation(device.constructor)) ~= "no"
    end)
    local valid = targets_where(function(target)
      return read[index_of(target)] and device_valid(target, read_device(target, event))
    end)
    return count(valid) > 0 and valid or read
  elseif event.kind == "device_option" then
    return targets_where(function(target)
      return core.accepts(target, event) ~= "no"
        and core.scan_device_option(target, event.key, event.value) ~= nil
    end)
  end
  return nil
end

-- ---------------------------------------------------------------------------
-- The target

-- Chooses the release for `events`: returns the targets in the order to
-- try, the sentence that says why the first, or nil and the problem.
local function infer_target(words, events, name_event)
  local clues, hard = {}, targets_where(function() return true end)
  for _, event in ipairs(events) do
    local set = piece_set(event, name_event)
    -- a piece no release takes is a problem of its own, not a clue
    if set and count(set) > 0 and count(set) < #TARGETS then
      clues[#clues + 1] = { text = event == name_event and "the VM name " .. show(event.value)
        or event_text(words, event), set = set, event = event }
      hard = targets_where(function(target)
        return hard[index_of(target)] and set[index_of(target)]
      end)
    end
  end
  if count(hard) == 0 then
    local texts = {}
    for _, found in ipairs(clues) do
      texts[#texts + 1] = string.format("%s (%s)", found.text, M.set_text(found.set))
    end
    return nil, "no ACRN release accepts all of: " .. table.concat(texts, "; ")
      .. " (give --target to read the line for one release)", clues, hard
  end
  -- where nothing is ignored, if such a release fits
  local acting = targets_where(function(target)
    if not hard[index_of(target)] then
      return false
    end
    for _, event in ipairs(events) do
      if (event.kind == "option" or event.kind == "device_option")
        and core.accepts(target, event) == "ignored" then
        return false
      end
    end
    return true
  end)
  local range = count(acting) > 0 and acting or hard
  local default = index_of(acrn.defaults.target) or index_of(core.default_target)
  local order = {}
  if range[default] then
    order[1] = TARGETS[default]
  end
  -- a patch release that reads the line as its minor does is named by it
  local same_as = acrn.catalog.same_as
  for i = #TARGETS, 1, -1 do
    if range[i] and i ~= default and not same_as[TARGETS[i]] then
      order[#order + 1] = TARGETS[i]
    end
  end
  for i = #TARGETS, 1, -1 do
    if hard[i] and not range[i] then
      order[#order + 1] = TARGETS[i]
    end
  end
  local chosen = index_of(order[1])
  if #clues == 0 and count(range) == #TARGETS then
    return order, "the default: nothing on the command line is release-specific", clues, hard
  end
  -- why not the next newer release, and why not older ones
  local why, lowest = {}, chosen
  while range[lowest - 1] do
    lowest = lowest - 1
  end
  for _, found in ipairs(clues) do
    if #why < 4 and ((chosen < #TARGETS and not found.set[chosen + 1])
        or (lowest > 1 and not found.set[lowest - 1])) then
      why[#why + 1] = string.format("%s (%s)", found.text, M.set_text(found.set))
    end
  end
  for _, event in ipairs(events) do
    if chosen < #TARGETS and #why < 4 and (event.kind == "option"
      or event.kind == "device_option") and core.accepts(TARGETS[chosen + 1], event) == "ignored" then
      why[#why + 1] = string.format("%s (ignored from %s)", event_text(words, event),
        TARGETS[chosen + 1])
    end
  end
  local which = chosen == default and "the default release, which fits"
    or "the newest release that fits"
  local how = string.format("%s (%s)", which, M.set_text(range))
  if #why > 0 then
    how = how .. ": " .. table.concat(why, "; ")
  end
  return order, how, clues, hard
end

-- ---------------------------------------------------------------------------
-- The description for one target

-- The slot the default layout gives `constructor` wherever it comes, or nil.
local function fixed_slot(kind)
  local ok, slot = pcall(function()
    local policy = acrn.defaults.layout
    local alone = layout.place(policy, { { kind = kind } })[1]
    local later = layout.place(policy, { { kind = "-" }, { kind = "-" }, { kind = kind } })[3]
    return alone.slot == later.slot and alone.slot or nil
  end)
  return ok and slot or nil
end

-- Reads the line for `target` into `d` (fields, devices, raw, warnings,
-- problems).
local function describe(d, words, target)
  local function warn(message)
    d.warnings[#d.warnings + 1] = message
  end
  local function problem(message)
    d.problems[#d.problems + 1] = message
  end
  local function keep_raw(raw_words, why)
    d.raw[#d.raw + 1] = { words = raw_words, why = why }
    warn(string.format("kept in raw (%s): %s", why, table.concat(raw_words, " ")))
  end
  local events, why = core.scan_argv(target, words)
  if not events then
    problem(why)
    return
  end
  -- the VM name: the last word that is no option; another one right after
  -- an unknown option is taken for that option's value
  local names = {}
  for i, event in ipairs(events) do
    if event.kind == "name" then
      local before = events[i - 1]
      if before and before.kind == "unknown" and before.first + before.count == event.first
        and not before.key:find("=", 1, true) and not before.value then
        before.value = event.value
        before.count = before.count + 1
        event.attached = true
      else
        names[#names + 1] = event
      end
    end
  end
  -- a value taken for an unknown option's may have been the name after all
  if #names == 0 then
    for i = #events, 1, -1 do
      if events[i].attached then
        local owner = events[i - 1]
        owner.value, owner.count, events[i].attached = nil, owner.count - 1, nil
        names[1] = events[i]
        break
      end
    end
  end
  if #names == 0 then
    problem("no VM name: acrn-dm takes the name as its one argument that is no option")
  elseif #names > 1 then
    problem(string.format("acrn-dm takes one VM name, but %s and %s are both left over "
      .. "(acrn-dm refuses it)", show(names[1].value), show(names[2].value)))
  end
  d.name = names[#names] and names[#names].value

  local taken, lpc_pending = {}, {}
  for _, event in ipairs(events) do
    local text = event_text(words, event)
    if event.kind == "unknown" then
      keep_raw(words_of(words, event),
        "not an option the catalogue knows")
    elseif event.kind == "prints" then
      problem(string.format("%s: acrn-dm %s and starts no VM", text, event.doc))
    elseif event.kind == "device" then
      local device, why_not, kind = read_device(target, event)
      if device then
        device.source = text
        device.event = event
        local place = string.format("%d:%d:%d", device.bus, device.slot, device.func)
        if device.junk then
          warn(string.format("%s: slot %s read as %s, as acrn-dm reads it", device.source,
            show(event.value:match("^[^,]*")), place))
        end
        if taken[place] then
          problem(string.format("%s: slot %s is already taken by %s (acrn-dm refuses it: "
            .. "already occupied)", device.source, place, taken[place]))
        else
          taken[place] = device.source
          d.devices[#d.devices + 1] = device
        end
      elseif kind == "refused" then
        problem(string.format("%s: %s", text, why_not))
      else
        keep_raw(words_of(words, event), why_not)
      end
    elseif event.kind == "device_option" then
      lpc_pending[#lpc_pending + 1] = event
    elseif event.kind == "option" then
      if core.accepts(target, event) == "no" then
        local set = targets_where(function(t) return core.accepts(t, event) ~= "no" end)
        local ok, message = core.supports(target, event.option)
        problem(string.format("%s: acrn-dm %s has no %s%s (it prints its usage and exits); "
          .. "leave it out, or import for %s with --target", text, target, event.key,
          ok and "" or " (" .. message .. ")", M.set_text(set)))
      elseif core.accepts(target, event) == "ignored"
        and core.accepts(target, option_field(event.option)) == "no" then
        warn(string.format("%s: acrn-dm %s accepts and ignores it; left out of the recipe",
          text, target))
      else
        local value, why_not, kind = core.scan_option(target, event.option, event.value)
        local field = option_field(event.option)
        d.sources[event.option] = event
        if value == nil and kind == "refused" then
          problem(string.format("%s: %s", text, why_not))
        elseif value == nil then
          keep_raw(words_of(words, event), why_not)
        elseif field.type == "records" and field["repeat"] then
          d.fields[event.option] = d.fields[event.option] or {}
          for _, record in ipairs(value) do
            table.insert(d.fields[event.option], record)
          end
        else
          if d.fields[event.option] ~= nil and field.type ~= "boolean" then
            warn(string.format("%s is given more than once; acrn-dm uses the last (%s)",
              event.key, text))
          end
          d.fields[event.option] = value
        end
      end
    end
  end

  -- -l and -G belong to a device: the last one of their kind before them,
  -- else the first after
  for _, event in ipairs(lpc_pending) do
    local text = event_text(words, event)
    local constructor, field, value = core.scan_device_option(target, event.key, event.value)
    if not constructor then
      problem(string.format("%s: %s", text, field))
    else
      local owner
      for _, device in ipairs(d.devices) do
        if device.constructor == constructor and (not owner or device.event.first < event.first) then
          owner = device
        end
      end
      if not owner then
        keep_raw(words_of(words, event),
          string.format("no %s device for it to belong to", constructor:gsub("_", "-")))
      else
        if owner.fields[field] ~= nil then
          warn(string.format("%s: %s is given more than once; acrn-dm uses the last", text,
            field))
        end
        owner.fields[field] = value
      end
    end
  end

  -- the kernel command line: a list where that writes it back the same
  local bootargs = d.fields.bootargs
  if bootargs == "" then
    d.fields.bootargs = nil
    warn("-B \"\": an empty kernel command line is the same as none; left out")
  elseif bootargs then
    local ok, list = pcall(kparams.new, bootargs)
    if not ok then
      d.fields.bootargs = nil
      keep_raw(words_of(words, d.sources.bootargs),
        "the kernel command line: " .. tostring(list):gsub("^.-kparams: ", ""))
    elseif list:render() == bootargs then
      d.fields.bootargs = list:list()
    elseif list:render() == bootargs:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "") then
      d.fields.bootargs = list:list()
      warn(string.format("%s: runs of spaces in the kernel command line are written as one",
        event_text(words, d.sources.bootargs):sub(1, 40) .. "..."))
    end
  end

  -- pinned slots, except where the layout puts a device anyway
  for _, device in ipairs(d.devices) do
    local kind = emulation(device.constructor).kind
    if not (device.bus == 0 and device.func == 0 and fixed_slot(kind) == device.slot) then
      device.pin = true
    end
  end
end

-- ---------------------------------------------------------------------------
-- The recipe and its check

-- The shell-quoted command line as comment lines for the recipe's header.
local function command_lines(d)
  local quoted = {}
  for i, word in ipairs(d.argv) do
    quoted[i] = core.command(word, {})
  end
  table.insert(quoted, 1, d.program or "acrn-dm")
  local lines, line = {}, ""
  local i = 1
  while i <= #quoted do
    local unit = quoted[i]
    if unit:sub(1, 1) == "-" and quoted[i + 1] and quoted[i + 1]:sub(1, 1) ~= "-" and i + 1 < #quoted then
      unit = unit .. " " .. quoted[i + 1]
      i = i + 1
    end
    if line ~= "" and #line + 1 + #unit > 88 then
      lines[#lines + 1] = "  " .. line .. " \\"
      line = "  " .. unit
    else
      line = line == "" and unit or line .. " " .. unit
    end
    i = i + 1
  end
  lines[#lines + 1] = "  " .. line
  return lines
end

-- The table acrn.recipe writes for a description.
function M.recipe_table(d)
  local header = d.header or { d.from and "Imported by `acrn-launch import` from the acrn-dm "
    .. "command in " .. d.from:match("[^/]*$") .. ", as read:"
    or "Imported by `acrn-launch import` from this acrn-dm command line:" }
  header = copy(header)
  if not d.header then
    for _, line in ipairs(command_lines(d)) do
      header[#header + 1] = line
    end
  end
  for _, note in ipairs(d.notes or {}) do
    header[#header + 1] = "Note: " .. note
  end
  local devices = {}
  for i, device in ipairs(d.devices) do
    devices[i] = { constructor = device.constructor, fields = device.fields,
      comment = device.comment }
    if device.pin then
      devices[i].bus = device.bus ~= 0 and device.bus or nil
      devices[i].slot = device.slot
      devices[i].func = device.func ~= 0 and device.func or nil
    end
  end
  return { header = header, name = d.name, target = d.target,
    target_comment = d.target_how and "target " .. d.target .. ", " .. d.target_how,
    dm = d.dm, fields = d.fields, comments = d.comments, devices = devices, raw = d.raw }
end

-- The recipe text of a description.
function M.recipe(d)
  return recipe.text(M.recipe_table(d))
end

-- Warns of every path a device or the VM names that is not absolute: it
-- resolves against the launcher's working directory (/ under systemd).
function M.relative_paths(d)
  local function walk(owner, field, value)
    if field.type == "path" and type(value) == "string" and value:sub(1, 1) ~= "/" then
      d.warnings[#d.warnings + 1] = string.format("%s: %s %s is a relative path: it resolves "
        .. "against the directory acrn-launch runs in (/ under systemd); give it from /",
        owner, field.name, show(value))
    elseif type(value) == "table" then
      for _, inner in ipairs(field.fields or {}) do
        for _, item in ipairs(field.type == "records" and value or { value }) do
          if type(item) == "table" then
            walk(owner, inner, item[inner.name])
          end
        end
      end
      if field.element then
        for _, item in ipairs(value) do
          walk(owner, field.element, item)
        end
      end
    end
  end
  for _, option in ipairs(acrn.catalog.options) do
    walk("the VM", option, d.fields[option.name])
  end
  for _, device in ipairs(d.devices) do
    for _, field in ipairs(emulation(device.constructor).fields) do
      walk(device.source or device.constructor, field, device.fields[field.name])
    end
  end
end

-- Runs recipe `text`: the VM's plan, or nil and why (the recipe's own
-- "recipe:LINE:" left out, devices named by their -s words).  Devices
-- kept as placeholders for what is read at launch are left out of it.
function M.check(d, text)
  local real, stood_in = {}, false
  -- no host is read here: what the recipe reads at launch is stood in for
  local function offline(fields)
    local out = {}
    for name, value in pairs(fields) do
      out[name] = host_text.is(value) and host_text.stand_in(value) or value
      stood_in = stood_in or out[name] ~= value
    end
    return out
  end
  for _, device in ipairs(d.devices) do
    if not device.placeholder then
      local checked = {}
      for k, v in pairs(device) do
        checked[k] = v
      end
      checked.fields = offline(device.fields)
      real[#real + 1] = checked
    end
  end
  local fields = offline(d.fields)
  if #real < #d.devices or stood_in then
    local copy_of = {}
    for k, v in pairs(d) do
      copy_of[k] = v
    end
    copy_of.devices, copy_of.fields = real, fields
    text = M.recipe(copy_of)
  end
  local chunk, message = load(text, "=recipe", "t")
  local ok, built = false, message
  if chunk then
    -- acrn-dm's grammar and the catalogue's checks, without host facts:
    -- the host is the launch's
    ok, built = pcall(function()
      local spec = chunk():spec()
      spec.facts = nil
      return { warnings = core.build(spec):warnings() }
    end)
  end
  if ok then
    return built
  end
  local plan = built
  message = tostring(plan):gsub("^recipe:%d+: ", "")
  message = message:gsub("device #(%d+) %(([^)]*)%)", function(index, kind)
    local device = real[tonumber(index)]
    return device and device.source or ("device #" .. index .. " (" .. kind .. ")")
  end)
  return nil, string.format("not a valid VM for ACRN %s: %s", d.target, message)
end

-- ---------------------------------------------------------------------------
-- read

-- Reads acrn-dm's words (the program may come first) into a description:
-- { target, target_how, name, program, dm, fields, devices, raw, warnings,
-- problems, argv }.  options: target (a release, else inferred),
-- target_how (where it came from), display (the words as messages show
-- them, where a word stands for what a script reads).
function M.read(argv, options)
  options = options or {}
  local words = { table.unpack(argv) }
  local display = options.display and { table.unpack(options.display) }
  local program
  if M.is_program(words[1]) then
    program = table.remove(words, 1)
    if display then
      table.remove(display, 1)
    end
  end
  words.display = display
  local base = { program = options.program or program, argv = words, warnings = {},
    problems = {}, target = options.target or acrn.defaults.target }
  -- a line that cannot be read: the description says why
  local function unreadable(why)
    base.problems[1] = why
    return base
  end
  local events, why = core.scan_argv(options.target, words)
  if not events then
    return unreadable(why)
  end
  local name_event
  for _, event in ipairs(events) do
    name_event = event.kind == "name" and event or name_event
  end
  local order, how, clues, hard = infer_target(words, events, name_event)
  local given = options.target
  -- a line written for other releases than the one given is read with
  -- their grammar and converted
  local read_as = given
  if given then
    how = options.target_how or "given with --target"
    if order and not hard[index_of(given)] then
      read_as = order[1]
    end
    order = { given }
  elseif not order then
    return unreadable(how)
  end
  -- the first target in order for which the whole VM checks
  local first
  for _, target in ipairs(order) do
    local d = { program = base.program, argv = words, target = target, target_how = how,
      from = options.from,
      fields = {}, devices = {}, raw = {}, warnings = {}, problems = {}, sources = {} }
    describe(d, words, read_as or target)
    if options.apply then
      options.apply(d)
    end
    M.relative_paths(d)
    if read_as and read_as ~= target then
      local refused = {}
      for _, event in ipairs(events) do
        local ok, message = true, nil
        if event.kind == "option" and core.accepts(target, option_field(event.option)) == "no" then
          ok, message = core.supports(target, event.option)
        end
        if not ok then
          refused[event] = true
          d.problems[#d.problems + 1] = string.format("%s: %s; acrn-dm %s refuses it",
            event_text(words, event), message, target)
        end
      end
      for _, found in ipairs(clues) do
        if not found.set[index_of(target)] and not refused[found.event] then
          d.warnings[#d.warnings + 1] = string.format("%s is written for ACRN %s; the recipe "
            .. "renders it for %s", found.text, M.set_text(found.set), target)
        end
      end
    end
    local dm = d.program
    if dm and dm:sub(1, 1) == "/" then
      d.dm = dm ~= acrn.defaults.dm and dm or nil
    elseif dm and dm:find("/", 1, true) then
      d.warnings[#d.warnings + 1] = string.format("the program %s is a relative path: the "
        .. "recipe runs the default %s", show(dm), acrn.defaults.dm)
    end
    if #d.problems == 0 then
      local ok, problem = M.check(d, M.recipe(d))
      if ok then
        -- what the launcher will say too; raw has been said word by word
        for _, warning in ipairs(ok.warnings) do
          if #d.raw == 0 or not warning:find("^raw arguments") then
            d.warnings[#d.warnings + 1] = warning
          end
        end
        return d
      end
      d.problems[#d.problems + 1] = problem
    end
    first = first or d
    -- the next target tried says why not the one before
    how = string.format("the newest release for which the line makes a valid VM "
      .. "(%s: %s)", target, d.problems[1])
  end
  return first
end

return M
