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
--
-- The package: acrn.import.releases (sets of targets), .util (shared
-- helpers), .forms (learning each field's spelling by rendering samples),
-- .state (the parse state and its clues), .grammars (per-emulation and
-- per-option parsers, parse_plain), .scan (argv scanning, option aliases,
-- slots), .target (choosing the release), .vm (the VM a description
-- makes), .recipe (writing the recipe text) and .text (shell words and the
-- "Launch device model with parameters:" line); this module parses and
-- runs the subcommand.
local acrn = require "acrn"
local core = require "acrn.core"
local kparams = require "acrn.kparams"
local forms = require "acrn.import.forms"
local recipe = require "acrn.import.recipe"
local releases = require "acrn.import.releases"
local scan_ = require "acrn.import.scan"
local state_ = require "acrn.import.state"
local target_ = require "acrn.import.target"
local text_ = require "acrn.import.text"
local util = require "acrn.import.util"
local vm_ = require "acrn.import.vm"

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

local release_set, targets_where = releases.release_set, releases.targets_where
local show, copy, field_named = util.show, util.copy, util.field_named
local EMULATION, is_program = util.EMULATION, util.is_program
local new_state, warn, problem = state_.new_state, state_.warn, state_.problem
local clue, keep_raw = state_.clue, state_.keep_raw
local scan, add_device, apply_option = scan_.scan, scan_.add_device, scan_.apply_option
local DEVICE_ARGUMENTS, PRINTING = scan_.DEVICE_ARGUMENTS, scan_.PRINTING
local render_items = forms.render_items
local choose_target = target_.choose_target

M.field_forms = forms.field_forms
M.option_spellings = forms.option_spellings
M.vm = vm_.vm
M.check = vm_.check
M.recipe = recipe.recipe
M.words_from_text = text_.words_from_text

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
