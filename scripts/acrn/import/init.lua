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

-- Input larger than this is refused: no launch script comes near it.
M.MAX_INPUT = 1024 * 1024

M.read = command.read
M.recipe = command.recipe
M.check = command.check
M.words_from_text = text_.words_from_text

local function say(message)
  io.stderr:write("acrn-launch: import: ", message, "\n")
end

-- What the command line asks for, checked: the options, or nil and why.
local function checked(options, words)
  if words and options.from then
    return nil, "give either --from FILE or the arguments after --, not both"
  end
  if not words and not options.from then
    return nil, "no command line: give --from FILE or acrn-dm's arguments after --"
  end
  if words and #words == 0 then
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

-- `acrn-launch import`: `options` (target, from, output) and `words` (the
-- acrn-dm words after "--", or nil) as acrn.cli parsed them; returns the
-- outcome as acrn.cli names exit statuses: "ok", "recipe" (refused or
-- unreadable), "usage".
function M.main(options, words)
  local usable, why = checked(options, words)
  if not usable then
    say(why)
    say("try 'acrn-launch import --help'")
    return "usage"
  end
  local how
  if options.target == "auto" then
    local ok, resolved = pcall(acrn.resolve_target, "auto")
    if not ok then
      say(tostring(resolved))
      return "recipe"
    end
    options.target, how = resolved, "given with --target auto: what acrn-dm -v says"
  end
  if options.target and not acrn.catalog.name_max[options.target] then
    say(string.format("unknown target %s (known: %s, auto)", show(options.target),
      table.concat(core.targets(), ", ")))
    return "usage"
  end
  local found
  if options.from then
    local text, message = M.read_input(options.from)
    if not text then
      say(message)
      return "recipe"
    end
    found, message = text_.words_from_text(text)
    if not found then
      say(options.from .. ": " .. message)
      return "recipe"
    end
    words = found.words
    for _, warning in ipairs(found.warnings) do
      say("warning: " .. warning)
    end
  end
  local description = command.read(words, { target = options.target, target_how = how,
    apply = found and found.apply, display = found and found.display,
    from = options.from ~= "-" and options.from or nil })
  for _, warning in ipairs(description.warnings) do
    say("warning: " .. warning)
  end
  if #description.problems > 0 then
    for _, message in ipairs(description.problems) do
      say(message)
    end
    return "recipe"
  end
  local text = command.recipe(description)
  if options.output then
    local file, message = io.open(options.output, "wb")
    if not file then
      say("cannot write " .. message)
      return "recipe"
    end
    file:write(text)
    file:close()
  else
    io.stdout:write(text)
  end
  return "ok"
end

return M
