-- SPDX-License-Identifier: Apache-2.0
-- Writes acrn-launch's shell completion for bash, zsh or fish from the
-- command line's one table (acrn.cli's OPTIONS and SUBCOMMANDS) and the
-- catalogue's targets, at build time:
--
--   lua5.4 scripts/completion.lua bash|zsh|fish [FILE]
--
-- VM names (after stop, kill, console, status, release, blkrescan) are
-- read when completing, from the run directory's locks and records
-- ($ACRN_LAUNCH_RUN_DIR, default /run/acrn-launch).
local acrn = require "acrn"
local cli = require "acrn.cli"

local shell = arg[1]

local RUN_DIR = "${ACRN_LAUNCH_RUN_DIR:-/run/acrn-launch}"

-- The subcommands' names.
local function names_of(commands)
  local names = {}
  for _, command in ipairs(commands) do
    names[#names + 1] = command.name
  end
  return names
end

-- What an option's value is: targets, a file, a directory, or anything.
local function value_kind(option)
  if option.value == "REL" then
    return "target"
  elseif option.value == "DIR" then
    return "dir"
  elseif option.value == "PATH" or option.value == "FILE" then
    return "file"
  end
  return "any"
end

local targets = { table.unpack(acrn.targets) }
targets[#targets + 1] = "auto"

local commands = {}
for _, command in ipairs(cli.SUBCOMMANDS) do
  local options = { { long = "--help", short = "-h", help = "show the usage" } }
  for _, option in ipairs(command.options or {}) do
    if option.long ~= "--help" then
      options[#options + 1] = option
    end
  end
  commands[#commands + 1] = { name = command.name, summary = command.summary, options = options,
    vm = (command.positional or {})[1] == "NAME" }
end

-- The words of an option: its short and long forms, those it has.
local function forms(option)
  local list = {}
  list[#list + 1] = option.short
  list[#list + 1] = option.long
  return list
end

local function words(options, with_values)
  local list = {}
  for _, option in ipairs(options) do
    for _, word in ipairs(forms(option)) do
      if with_values == nil or (option.value ~= nil) == with_values then
        list[#list + 1] = word
      end
    end
  end
  return table.concat(list, " ")
end

local function quote(text)
  return "'" .. text:gsub("'", "'\\''") .. "'"
end

local out = {}
local function put(line)
  out[#out + 1] = line
end

if shell == "bash" then
  put("# bash completion for acrn-launch, generated from acrn.cli's option table by")
  put("# scripts/completion.lua: edit the table, not this file.")
  put("_acrn_launch_vms() {")
  put("\tlocal file names=")
  put("\tfor file in \"" .. RUN_DIR .. "\"/*.lock \"" .. RUN_DIR .. "\"/*.record; do")
  put("\t\t[ -e \"$file\" ] || continue")
  put("\t\tfile=${file##*/}")
  put("\t\tnames=\"$names ${file%.*}\"")
  put("\tdone")
  put("\tprintf '%s\\n' $names | sort -u")
  put("}")
  put("")
  put("_acrn_launch() {")
  put("\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}")
  put("\tlocal command= i")
  put("\tfor ((i = 1; i < COMP_CWORD; i++)); do")
  put("\t\tcase ${COMP_WORDS[i]} in")
  local names = names_of(commands)
  put("\t\t" .. table.concat(names, " | ") .. ")")
  put("\t\t\tcommand=${COMP_WORDS[i]}")
  put("\t\t\tbreak")
  put("\t\t\t;;")
  put("\t\tesac")
  put("\tdone")
  put("\tCOMPREPLY=()")
  put("\tcase $prev in")
  put("\t--target)")
  put("\t\tmapfile -t COMPREPLY < <(compgen -W " .. quote(table.concat(targets, " "))
    .. " -- \"$cur\")")
  put("\t\treturn")
  put("\t\t;;")
  local file_options, dir_options = {}, {}
  local seen = {}
  local function collect(options)
    for _, option in ipairs(options) do
      for _, word in ipairs(forms(option)) do
        if not seen[word] then
          seen[word] = true
          local kind = value_kind(option)
          if kind == "file" then
            file_options[#file_options + 1] = word
          elseif kind == "dir" then
            dir_options[#dir_options + 1] = word
          end
        end
      end
    end
  end
  collect(cli.OPTIONS)
  for _, command in ipairs(commands) do
    collect(command.options)
  end
  put("\t" .. table.concat(file_options, " | ") .. ")")
  put("\t\tmapfile -t COMPREPLY < <(compgen -f -- \"$cur\")")
  put("\t\treturn")
  put("\t\t;;")
  put("\t" .. table.concat(dir_options, " | ") .. ")")
  put("\t\tmapfile -t COMPREPLY < <(compgen -d -- \"$cur\")")
  put("\t\treturn")
  put("\t\t;;")
  put("\tesac")
  put("\tcase $command in")
  for _, command in ipairs(commands) do
    put("\t" .. command.name .. ")")
    put("\t\tif [[ $cur == -* ]]; then")
    put("\t\t\tmapfile -t COMPREPLY < <(compgen -W " .. quote(words(command.options))
      .. " -- \"$cur\")")
    if command.vm then
      put("\t\telse")
      put("\t\t\tmapfile -t COMPREPLY < <(compgen -W \"$(_acrn_launch_vms)\" -- \"$cur\")")
    end
    put("\t\tfi")
    put("\t\treturn")
    put("\t\t;;")
  end
  put("\tesac")
  put("\tif [[ $cur == -* ]]; then")
  put("\t\tmapfile -t COMPREPLY < <(compgen -W " .. quote(words(cli.OPTIONS)) .. " -- \"$cur\")")
  put("\t\treturn")
  put("\tfi")
  put("\tmapfile -t COMPREPLY < <(compgen -W " .. quote(table.concat(names, " "))
    .. " -- \"$cur\"")
  put("\t\tcompgen -f -X '!*.lua' -- \"$cur\"")
  put("\t\tcompgen -d -- \"$cur\")")
  put("}")
  put("complete -o filenames -F _acrn_launch acrn-launch")
elseif shell == "zsh" then
  local function spec(option, exclusive)
    local action = ({ target = ":release:(" .. table.concat(targets, " ") .. ")",
      dir = ":directory:_files -/", file = ":file:_files", any = ":" .. (option.value or "")
        .. ": " })[value_kind(option)]
    local help = (option.help or ""):gsub("[%[%]:']", " "):gsub("%s+", " ")
    help = help:sub(1, 70)
    local items = {}
    for _, word in ipairs(forms(option)) do
      items[#items + 1] = quote(word .. "[" .. help .. "]" .. (option.value and action or ""))
    end
    if exclusive and option.short and option.long then
      return "'(" .. option.short .. " " .. option.long .. ")'{" .. option.short .. ","
        .. option.long .. "}'[" .. help .. "]" .. (option.value and action or "") .. "'"
    end
    return table.concat(items, " ")
  end
  put("#compdef acrn-launch")
  put("# zsh completion for acrn-launch, generated from acrn.cli's option table by")
  put("# scripts/completion.lua: edit the table, not this file.")
  put("_acrn_launch_vms() {")
  put("  local -a names")
  put("  names=(" .. RUN_DIR .. "/*.(lock|record)(N:t:r))")
  put("  _describe 'VM' names")
  put("}")
  put("")
  put("_acrn_launch() {")
  put("  local -a commands")
  put("  commands=(")
  for _, command in ipairs(commands) do
    put("    " .. quote(command.name .. ":" .. command.summary:gsub(":", " ")))
  end
  put("  )")
  put("  if (( CURRENT > 2 )) && (( ${commands[(I)${words[2]}:*]} )); then")
  put("    local command=${words[2]}")
  put("    shift words; (( CURRENT-- ))")
  put("    case $command in")
  for _, command in ipairs(commands) do
    local specs = {}
    for _, option in ipairs(command.options) do
      specs[#specs + 1] = spec(option, true)
    end
    if command.vm then
      specs[#specs + 1] = "'1:VM:_acrn_launch_vms'"
    end
    put("    " .. command.name .. ") _arguments " .. table.concat(specs, " ") .. " ;;")
  end
  put("    esac")
  put("    return")
  put("  fi")
  local specs = {}
  for _, option in ipairs(cli.OPTIONS) do
    specs[#specs + 1] = spec(option, true)
  end
  put("  _arguments " .. table.concat(specs, " \\\n    ") .. " \\")
  put("    '1:recipe or subcommand:->first' '*::recipe argument:_files'")
  put("  [[ $state == first ]] && { _describe 'subcommand' commands; _files -g '*.lua' }")
  put("}")
  put("")
  put("_acrn_launch \"$@\"")
elseif shell == "fish" then
  put("# fish completion for acrn-launch, generated from acrn.cli's option table by")
  put("# scripts/completion.lua: edit the table, not this file.")
  put("function __acrn_launch_vms")
  put("    set -l dir " .. RUN_DIR:gsub("%${ACRN_LAUNCH_RUN_DIR:%-(.-)}", "%1"))
  put("    set -q ACRN_LAUNCH_RUN_DIR; and set dir $ACRN_LAUNCH_RUN_DIR")
  put("    for file in $dir/*.lock $dir/*.record")
  put("        string replace -r '.*/(.*)\\.(lock|record)$' '$1' -- $file")
  put("    end | sort -u")
  put("end")
  local names = names_of(commands)
  local none = "not __fish_seen_subcommand_from " .. table.concat(names, " ")
  put("complete -c acrn-launch -f")
  put("complete -c acrn-launch -n " .. quote(none) .. " -a '(__fish_complete_suffix .lua)'")
  local function fish_option(option, condition)
    local parts = { "complete -c acrn-launch -n " .. quote(condition) }
    if option.short then
      parts[#parts + 1] = "-s " .. option.short:sub(2)
    end
    if option.long then
      parts[#parts + 1] = "-l " .. option.long:sub(3)
    end
    local kind = value_kind(option)
    if option.value then
      parts[#parts + 1] = "-r"
      if kind == "target" then
        parts[#parts + 1] = "-a " .. quote(table.concat(targets, " "))
      elseif kind == "file" then
        parts[#parts + 1] = "-F"
      elseif kind == "dir" then
        parts[#parts + 1] = "-a '(__fish_complete_directories)'"
      end
    end
    parts[#parts + 1] = "-d " .. quote((option.help or ""):sub(1, 60))
    put(table.concat(parts, " "))
  end
  for _, option in ipairs(cli.OPTIONS) do
    fish_option(option, none)
  end
  for _, command in ipairs(commands) do
    put("complete -c acrn-launch -n " .. quote(none) .. " -a " .. command.name .. " -d "
      .. quote(command.summary:sub(1, 60)))
    for _, option in ipairs(command.options) do
      fish_option(option, "__fish_seen_subcommand_from " .. command.name)
    end
    if command.vm then
      put("complete -c acrn-launch -n " .. quote("__fish_seen_subcommand_from " .. command.name)
        .. " -a '(__acrn_launch_vms)'")
    end
  end
else
  io.stderr:write("usage: completion.lua bash|zsh|fish\n")
  os.exit(2)
end

local file = arg[2] and assert(io.open(arg[2], "w")) or io.stdout
file:write(table.concat(out, "\n"), "\n")
if arg[2] then
  file:close()
end
