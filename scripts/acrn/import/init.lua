-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: an acrn-dm command line, a launch script's log line
-- or a whole launch script becomes a recipe.  It reads words, asks the
-- core what they are, and writes a recipe; it knows nothing of acrn-dm's
-- grammar itself.
--
-- The package: acrn.import.command (a command line's words into a VM
-- description, choosing the release), acrn.import.text (finding the words
-- in a file: a log line, a script, one command), acrn.import.script (a
-- launch script followed through its default run, its host preparation),
-- acrn.import.shell (shell text into a tree of commands), and this module,
-- the subcommand.  The recipe text is acrn.recipe's.
local acrn = require "acrn"
local core = require "acrn.core"
local command = require "acrn.import.command"
local text_ = require "acrn.import.text"
local show = require("acrn.util").show

core.internal()

local M = {}

local EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

-- Input larger than this is refused: no launch script comes near it.
M.MAX_INPUT = 1024 * 1024

M.usage = [[
usage: acrn-launch import [--target REL] [-o FILE] -- ACRN-DM-ARGS...
       acrn-launch import [--target REL] [-o FILE] --from FILE

Reads an acrn-dm command line (the words after --, or FILE: a launch
script, a launch script's "Launch device model with parameters: ..." log
line, or an acrn-dm command with shell quoting; - is standard input) and
writes the recipe that launches the same VM to standard output (or -o
FILE).  What the catalogue does not know is kept in raw = { ... } and
reported on standard error.  A script is read, never run.

options:
      --target REL   the ACRN release to write for (default: inferred from
                     the command line)
      --from FILE    read the command line from FILE (at most 1 MiB)
  -o, --output FILE  write the recipe to FILE
  -h, --help         show this text

exit status: 0 done; 1 a command line acrn-dm would refuse, or that does not
parse; 2 usage.
]]

M.read = command.read
M.recipe = command.recipe
M.check = command.check
M.words_from_text = text_.words_from_text

local function say(message)
  io.stderr:write("acrn-launch: import: ", message, "\n")
end

-- Reads the subcommand's arguments; returns options or nil and why.
local function parse_args(args)
  local options, i = {}, 1
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

-- The text of `path` ("-": standard input), at most MAX_INPUT bytes; or
-- nil and why (a directory, a FIFO, a device, too large).
function M.read_input(path)
  if path == "-" then
    local text = io.stdin:read(M.MAX_INPUT + 1) or ""
    if #text > M.MAX_INPUT then
      return nil, string.format("standard input is more than %d bytes", M.MAX_INPUT)
    end
    return text
  end
  return core.read_text(path, M.MAX_INPUT)
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
  if options.target and not acrn.catalog.name_max[options.target] then
    say(string.format("unknown target %s (known: %s, auto)", show(options.target),
      table.concat(core.targets(), ", ")))
    return EXIT_USAGE
  end
  local words, found = options.words, nil
  if options.from then
    local text, message = M.read_input(options.from)
    if not text then
      say(message)
      return EXIT_REFUSED
    end
    found, message = text_.words_from_text(text)
    if not found then
      say(options.from .. ": " .. message)
      return EXIT_REFUSED
    end
    words = found.words
    for _, warning in ipairs(found.warnings) do
      say("warning: " .. warning)
    end
  end
  local description = command.read(words, { target = options.target, target_how = how,
    apply = found and found.apply, from = options.from ~= "-" and options.from or nil })
  for _, warning in ipairs(description.warnings) do
    say("warning: " .. warning)
  end
  if #description.problems > 0 then
    for _, message in ipairs(description.problems) do
      say(message)
    end
    return EXIT_REFUSED
  end
  local text = command.recipe(description)
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
