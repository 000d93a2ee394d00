-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch's command line: run a recipe, then print, check or exec the
-- acrn-dm command it describes.  Returns the exit status; main.c exits with it.
local acrn = require "acrn"
local core = require "acrn.core"

core.internal()

local M = {}

local EXIT_OK, EXIT_RECIPE, EXIT_USAGE = 0, 1, 2
local EXIT_NOT_EXECUTABLE, EXIT_NOT_FOUND = 126, 127
local ENOENT = 2

M.usage = [[
usage: acrn-launch [options] RECIPE [ARGS...]
       acrn-launch devices [--target REL]

Runs the Lua RECIPE (which returns acrn.vm{...}), checks the VM against
acrn-dm's grammar for the target release, and execs acrn-dm. ARGS are the
recipe's `arg` table. A recipe is a path: one named like a subcommand is
given as ./devices.

options:
  -n, --dry-run      print the acrn-dm command line and run nothing
  -c, --check        also check the host (kernel, ramdisk, disk images,
                     acrn-dm executable); print nothing on success
      --target REL   ACRN release to build for: %s,
                     or auto (ask acrn-dm -v); default %s
      --dm PATH      acrn-dm to run (default: $ACRN_DM, the recipe's dm,
                     or /usr/bin/acrn-dm)
      --root DIR     read host facts (/proc/cpuinfo) under DIR (default /)
  -h, --help         show this text
      --version      show the version

subcommands:
  devices            print the devices and VM fields the catalogue knows
                     (with --target, what that release accepts)

exit status: 0 done; 1 recipe, plan or check error; 2 usage;
126 acrn-dm not executable; 127 acrn-dm not found. On every non-zero
exit nothing was run.
]]

local function say(message)
  io.stderr:write("acrn-launch: ", message, "\n")
end

-- The subcommands: words that are not recipe paths.
local subcommands = {}

-- Parses argv into options; returns options or nil and a usage message.
local function parse(argv)
  local options = { recipe_args = {} }
  local valued = { ["--target"] = "target", ["--dm"] = "dm", ["--root"] = "root" }
  local flags = {
    ["-n"] = "dry_run", ["--dry-run"] = "dry_run", ["-c"] = "check", ["--check"] = "check",
    ["-h"] = "help", ["--help"] = "help", ["--version"] = "version",
  }
  local i = 1
  while i <= #argv do
    local word = argv[i]
    local name, value = word:match("^(%-%-[%w-]+)=(.*)$")
    name = name or word
    if options.recipe and not subcommands[options.recipe] then
      options.recipe_args[#options.recipe_args + 1] = word
    elseif options.recipe and word:sub(1, 1) ~= "-" then
      options.recipe_args[#options.recipe_args + 1] = word
    elseif word == "--" then
      options.recipe = argv[i + 1]
      i = i + 1
    elseif valued[name] then
      if value == nil then
        i = i + 1
        value = argv[i]
      end
      if value == nil or value == "" then
        return nil, name .. " needs a value"
      end
      options[valued[name]] = value
    elseif flags[word] then
      options[flags[word]] = true
    elseif word:sub(1, 1) == "-" and word ~= "-" then
      return nil, "unknown option " .. word
    else
      options.recipe = word
    end
    i = i + 1
  end
  if subcommands[options.recipe] and (options.dry_run or options.check or options.dm) then
    return nil, options.recipe .. " takes only --target"
  end
  if options.dry_run and options.check then
    return nil, "--dry-run and --check do not go together"
  end
  if not options.recipe and not options.help and not options.version then
    return nil, "no RECIPE given"
  end
  return options
end

function subcommands.devices(options)
  if #options.recipe_args > 0 then
    return nil, "devices takes no arguments"
  end
  io.stdout:write(require("acrn.reference").markdown(options.target))
  return EXIT_OK
end

-- Checks --target against the known targets (and auto).
local function known_target(name)
  if name == "auto" then
    return true
  end
  for _, known in ipairs(acrn.targets) do
    if known == name then
      return true
    end
  end
  return false
end

-- Runs the recipe file and returns its VM, or nil and a message.
local function run_recipe(path, args)
  local chunk, message = loadfile(path, "t")
  if not chunk then
    return nil, message
  end
  local recipe_arg = { [0] = path }
  for i, value in ipairs(args) do
    recipe_arg[i] = value
  end
  _G.arg = recipe_arg
  local ok, vm = pcall(chunk, table.unpack(args))
  if not ok then
    return nil, tostring(vm)
  end
  if not acrn.is_vm(vm) then
    return nil, string.format("%s: the recipe must return a VM made by acrn.vm{...}, not %s",
      path, type(vm))
  end
  return vm
end

-- The exit status for a failed exec's errno.
local function exec_status(errno)
  return errno == ENOENT and EXIT_NOT_FOUND or EXIT_NOT_EXECUTABLE
end

function M.main(argv)
  local options, problem = parse(argv)
  if not options then
    say(problem)
    say("try 'acrn-launch --help'")
    return EXIT_USAGE
  end
  if options.help then
    io.stdout:write(string.format(M.usage, table.concat(acrn.targets, ", "),
      acrn.defaults.target))
    return EXIT_OK
  end
  if options.version then
    io.stdout:write("acrn-launch ", acrn.version, "\n")
    return EXIT_OK
  end
  if options.target then
    if not known_target(options.target) then
      say(string.format("unknown target %q (known: %s, auto)", options.target,
        table.concat(acrn.targets, ", ")))
      return EXIT_USAGE
    end
    acrn.defaults.target = options.target
  end
  if options.root then
    acrn.defaults.root = options.root
  end
  acrn.defaults.dm = options.dm or os.getenv("ACRN_DM") or acrn.defaults.dm
  local subcommand = subcommands[options.recipe]
  if subcommand then
    local status, problem = subcommand(options)
    if not status then
      say(problem)
      return EXIT_USAGE
    end
    return status
  end

  local vm, message = run_recipe(options.recipe, options.recipe_args)
  if not vm then
    say(message)
    return EXIT_RECIPE
  end
  -- The command line comes last: it overrides what the recipe said.
  vm.target = options.target or vm.target
  vm.dm = options.dm or os.getenv("ACRN_DM") or vm.dm

  local ok, plan = pcall(vm.plan, vm)
  if not ok then
    say(tostring(plan))
    return EXIT_RECIPE
  end
  for _, warning in ipairs(plan.warnings) do
    say("warning: " .. warning)
  end
  local command = core.command(plan.program, plan.argv)
  if options.check then
    local host_ok, host_message = vm:check_host()
    if not host_ok then
      say(host_message)
      return EXIT_RECIPE
    end
    return EXIT_OK
  end
  if options.dry_run then
    io.stdout:write(command, "\n")
    return EXIT_OK
  end
  say("exec " .. command)
  local _, exec_message, errno = core.exec(plan.program, plan.argv)
  say(exec_message)
  return exec_status(errno)
end

return M
