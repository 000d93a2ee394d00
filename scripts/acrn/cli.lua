-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch's command line: load the site policy, run a recipe, then
-- print, explain, check or exec the acrn-dm command it describes.  Returns
-- the exit status; main.c exits with it.
local acrn = require "acrn"
local core = require "acrn.core"
local site_policy = require "acrn.site"

-- Modules only some runs need are loaded when needed: loading is most of
-- what a launch costs.
local function vms()
  return require "acrn.vms"
end

core.internal()

local M = {}

local EXIT_OK, EXIT_RECIPE, EXIT_USAGE = 0, 1, 2
local EXIT_NOT_RUNNING, EXIT_RUNNING = 3, 4
local EXIT_NOT_EXECUTABLE, EXIT_NOT_FOUND = 126, 127
local ENOENT = 2

M.usage = [[
usage: acrn-launch [options] RECIPE [ARGS...]
       acrn-launch devices [--target REL]
       acrn-launch import [--target REL] [--from FILE] [-o FILE] [-- ACRN-DM-ARGS...]
       acrn-launch list [--json] | stop NAME [--grace S] | kill NAME | console NAME
       acrn-launch blkrescan NAME INDEX PATH [--acrnctl PATH]
       acrn-launch release NAME

Runs the Lua RECIPE (which returns acrn.vm{...}) under the site policy,
checks the VM against acrn-dm's grammar for the target release, and execs
acrn-dm. ARGS are the recipe's `arg` table. A recipe is a path: one named
like a subcommand is given as ./devices.

options:
  -n, --dry-run      print the acrn-dm command line and run nothing
      --json         print the plan as JSON (doc/plan-json.md), run nothing
  -i [RECIPE]        a Lua prompt with acrn loaded (and the recipe's VM
                     as vm); Tab completes, Ctrl-D leaves
      --foreground   run acrn-dm as a child and supervise it: forward
                     SIGINT/SIGTERM/SIGHUP, log its output, exit with its
                     status (128+N for signal N)
  -c, --check        also check the host (kernel, ramdisk, disk images,
                     acrn-dm executable); print nothing on success
      --explain      print each argument with the file:line and layer
                     that set it, and run nothing
      --target REL   ACRN release to build for: %s,
                     or auto (ask acrn-dm -v); default %s
      --dm PATH      acrn-dm to run (default: $ACRN_DM, the recipe's dm,
                     the site's, or /usr/bin/acrn-dm)
      --root DIR     read host facts (/proc/cpuinfo) under DIR (default /)
      --site FILE    the site policy (default %s, when it exists)
      --no-site      run without a site policy
      --sandbox      run the recipe in the sandbox (no files, no shell,
                     bounded); --no-sandbox turns a site's sandbox off
  -h, --help         show this text
      --version      show the version

subcommands:
  devices            print the devices and VM fields the catalogue knows
                     (with --target, what that release accepts)
  import             turn an acrn-dm command line into a recipe
  list               the VMs running on this host (--json too)
  stop NAME          stop a VM: SIGINT, SIGKILL after --grace S (default 15)
  kill NAME          kill a VM (SIGKILL)
  console NAME       attach the terminal to its console port; Ctrl-] leaves
  blkrescan NAME INDEX PATH
                     put a disk into placeholder drive INDEX (acrnctl)
  release NAME       give back what the launch of NAME prepared on the host
                     (pci-stub bindings, taps, CPUs), once it has stopped

One VM per name: a launch whose name runs already exits 4; locks live in
$ACRN_LAUNCH_RUN_DIR (default /run/acrn-launch).

An enforcing site policy refuses --site, --no-site, --no-sandbox, --dm,
$ACRN_DM, --target and --root unless its allow_cli lists them.

exit status: 0 done; 1 recipe, plan, site or check error; 2 usage;
3 no VM of that name runs (stop, kill, console, blkrescan); 4 a VM of that
name runs already; 126 acrn-dm not executable; 127 acrn-dm not found.
On every non-zero exit nothing was run. With --foreground: acrn-dm's own
status, 128+N when signal N killed it.
]]

local foreground

local function say(message)
  io.stderr:write("acrn-launch: ", message, "\n")
end

-- The subcommands: words that are not recipe paths.  `raw` ones get every
-- word after them unparsed.
local subcommands = {}

local VALUED = { ["--target"] = "target", ["--dm"] = "dm", ["--root"] = "root",
  ["--site"] = "site" }
local FLAGS = {
  ["-n"] = "dry_run", ["--dry-run"] = "dry_run", ["-c"] = "check", ["--check"] = "check",
  ["--explain"] = "explain", ["--json"] = "json", ["-i"] = "interactive",
  ["--foreground"] = "foreground",
  ["--no-site"] = "no_site", ["--sandbox"] = "sandbox",
  ["--no-sandbox"] = "no_sandbox", ["-h"] = "help", ["--help"] = "help",
  ["--version"] = "version",
}

-- Parses argv into options; returns options or nil and a usage message.
local function parse(argv)
  local options = { recipe_args = {} }
  local i = 1
  while i <= #argv do
    local word = argv[i]
    local name, value = word:match("^(%-%-[%w-]+)=(.*)$")
    name = name or word
    local command = options.recipe and subcommands[options.recipe]
    if options.recipe and (not command or command.raw or word:sub(1, 1) ~= "-") then
      options.recipe_args[#options.recipe_args + 1] = word
    elseif word == "--" then
      options.recipe = argv[i + 1]
      i = i + 1
    elseif VALUED[name] then
      if value == nil then
        i = i + 1
        value = argv[i]
      end
      if value == nil or value == "" then
        return nil, name .. " needs a value"
      end
      options[VALUED[name]] = value
    elseif FLAGS[word] then
      options[FLAGS[word]] = true
    elseif word:sub(1, 1) == "-" and word ~= "-" then
      return nil, "unknown option " .. word
    else
      options.recipe = word
    end
    i = i + 1
  end
  local command = options.recipe and subcommands[options.recipe]
  if command and not command.raw
    and (options.dry_run or options.check or options.dm or options.explain) then
    return nil, options.recipe .. " takes only --target"
  end
  local modes = 0
  for _, mode in ipairs({ "dry_run", "check", "explain", "json", "interactive", "foreground" }) do
    modes = modes + (options[mode] and 1 or 0)
  end
  if modes > 1 then
    return nil, "only one of --dry-run, --check, --explain, --json, -i and --foreground at a time"
  end
  if options.site and options.no_site then
    return nil, "--site and --no-site do not go together"
  end
  if options.sandbox and options.no_sandbox then
    return nil, "--sandbox and --no-sandbox do not go together"
  end
  if not options.recipe and not options.help and not options.version
    and not options.interactive then
    return nil, "no RECIPE given"
  end
  return options
end

subcommands.devices = {
  run = function(options)
    if #options.recipe_args > 0 then
      return nil, "devices takes no arguments"
    end
    io.stdout:write(require("acrn.reference").markdown(options.target))
    return EXIT_OK
  end,
}

subcommands.import = {
  raw = true,
  run = function(options)
    return require("acrn.import").main(options.recipe_args)
  end,
}

-- Parses a subcommand's own words: `spec` maps options to "flag" or
-- "value"; returns the options and the positional words, or nil, problem.
local function subcommand_args(words, spec, positional)
  local options, rest = {}, {}
  local i = 1
  while i <= #words do
    local word = words[i]
    local name, value = word:match("^(%-%-[%w-]+)=(.*)$")
    name = name or word
    if spec[name] == "flag" then
      options[name] = true
    elseif spec[name] == "value" then
      if value == nil then
        i = i + 1
        value = words[i]
      end
      if value == nil then
        return nil, name .. " needs a value"
      end
      options[name] = value
    elseif word:sub(1, 1) == "-" then
      return nil, "unknown option " .. word
    else
      rest[#rest + 1] = word
    end
    i = i + 1
  end
  if #rest ~= #positional then
    return nil, "expected " .. (#positional > 0 and table.concat(positional, " ") or "no arguments")
  end
  return options, rest
end

subcommands.list = {
  raw = true,
  run = function(options)
    local flags, problem = subcommand_args(options.recipe_args, { ["--json"] = "flag" }, {})
    if not flags then
      return nil, problem
    end
    local running = vms().list()
    if flags["--json"] then
      local dkjson = require "dkjson"
      io.stdout:write(dkjson.encode(setmetatable(running, { __jsontype = "array" }),
        { indent = true }), "\n")
      return EXIT_OK
    end
    for _, vm in ipairs(running) do
      if vm.stopped then
        io.stdout:write(string.format("%-16s %8s %10s  %s (stopped; run acrn-launch release %s)\n",
          vm.name, "-", "-", vm.recipe or "-", vm.name))
      else
        io.stdout:write(string.format("%-16s %8d %9ds  %s\n", vm.name, vm.pid,
          os.time() - (vm.started or os.time()), vm.recipe or "-"))
      end
    end
    return EXIT_OK
  end,
}

-- stop NAME [--grace S] and kill NAME: 0 when it stopped, 3 when not running.
local function stopper(kill)
  return {
    raw = true,
    run = function(options)
      local flags, rest = subcommand_args(options.recipe_args,
        kill and {} or { ["--grace"] = "value" }, { "NAME" })
      if not flags then
        return nil, rest
      end
      local grace = tonumber(flags["--grace"] or "15")
      if not grace or grace < 0 then
        return nil, "--grace takes a number of seconds"
      end
      local ok, why
      if kill then
        ok, why = vms().kill(rest[1])
      else
        ok, why = vms().stop(rest[1], grace)
      end
      if not ok then
        say(why)
        return EXIT_NOT_RUNNING
      end
      return EXIT_OK
    end,
  }
end
subcommands.stop = stopper(false)
subcommands.kill = stopper(true)

subcommands.console = {
  raw = true,
  run = function(options)
    local flags, rest = subcommand_args(options.recipe_args, {}, { "NAME" })
    if not flags then
      return nil, rest
    end
    if not vms().read(rest[1]) then
      say(string.format("no VM named %s is running", rest[1]))
      return EXIT_NOT_RUNNING
    end
    local ok, why = vms().console(rest[1])
    if not ok then
      say(why)
      return EXIT_RECIPE
    end
    return EXIT_OK
  end,
}

subcommands.blkrescan = {
  raw = true,
  run = function(options)
    local flags, rest = subcommand_args(options.recipe_args, { ["--acrnctl"] = "value" },
      { "NAME", "INDEX", "PATH" })
    if not flags then
      return nil, rest
    end
    local index = math.tointeger(tonumber(rest[2]))
    if not index then
      return nil, "INDEX must be a drive index (an integer)"
    end
    if not vms().read(rest[1]) then
      say(string.format("no VM named %s is running", rest[1]))
      return EXIT_NOT_RUNNING
    end
    local ok, output = vms().blkrescan(rest[1], index, rest[3], flags["--acrnctl"])
    if not ok then
      say(output)
      return EXIT_RECIPE
    end
    io.stdout:write(output)
    return EXIT_OK
  end,
}

subcommands.release = {
  raw = true,
  run = function(options)
    local flags, rest = subcommand_args(options.recipe_args, {}, { "NAME" })
    if not flags then
      return nil, rest
    end
    local done, why, status = vms().release(rest[1])
    if not done then
      say(why)
      return status == "running" and EXIT_RECIPE or EXIT_NOT_RUNNING
    end
    io.stdout:write(why, "\n")
    return EXIT_OK
  end,
}

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

-- True when a file can be opened for reading.
local function readable(path)
  local file = io.open(path, "r")
  if file then
    file:close()
    return true
  end
  return false
end

-- Loads the site policy the options call for: the default one when it
-- exists, --site instead when allowed, none with --no-site when allowed.
-- Returns the site (or false for none), or nil, message, exit status.
local function load_site(options)
  local default = nil
  if readable(site_policy.DEFAULT_PATH) then
    local ok, loaded = pcall(site_policy.load, site_policy.DEFAULT_PATH)
    if not ok then
      return nil, loaded, EXIT_RECIPE
    end
    default = loaded
  end
  for flag, word in pairs({ site = "--site", no_site = "--no-site" }) do
    if options[flag] and not site_policy.allows(default, word) then
      return nil, string.format("%s is not allowed by the site policy %s (enforce = true)",
        word, default.path), EXIT_USAGE
    end
  end
  if options.no_site then
    return false
  end
  if options.site then
    local ok, loaded = pcall(site_policy.load, options.site)
    if not ok then
      return nil, loaded, EXIT_RECIPE
    end
    return loaded
  end
  return default or false
end

-- Refuses command-line overrides an enforcing site does not allow.
local function enforce(site, options)
  local used = {
    ["--dm"] = options.dm, ["--target"] = options.target, ["--root"] = options.root,
    ["--no-sandbox"] = options.no_sandbox, ACRN_DM = os.getenv("ACRN_DM"),
  }
  for _, word in ipairs(site_policy.CLI_WORDS) do
    if used[word] and not site_policy.allows(site, word) then
      return nil, string.format("%s is not allowed by the site policy %s (enforce = true)",
        word, site.path)
    end
  end
  return true
end

-- Runs the recipe file, in the sandbox or not, and returns its VM, or nil
-- and a message.
local function run_recipe(path, args, site, options)
  local recipe_arg = { [0] = path }
  for i, value in ipairs(args) do
    recipe_arg[i] = value
  end
  local sandboxed = (options.sandbox or (site and site.sandbox)) and not options.no_sandbox
  acrn.layer = "recipe"
  if sandboxed then
    local ok, vm = pcall(require("acrn.sandbox").run, path, recipe_arg, site and site.limits)
    if not ok then
      return nil, tostring(vm)
    end
    return vm
  end
  local chunk, message = loadfile(path, "t")
  if not chunk then
    return nil, message
  end
  _G.arg = recipe_arg
  local ok, vm = pcall(chunk, table.unpack(args))
  if not ok then
    if type(vm) ~= "string" then
      return nil, string.format("%s: the recipe raised an error that is not a message (%s)",
        path, type(vm))
    end
    return nil, vm
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

-- Prints each argument of the plan with where it came from.
local function explain(plan)
  local lines = { { core.command(plan.program, {}), plan.origins.dm } }
  local i = 1
  while i <= #plan.argv do
    local words, origin = { plan.argv[i] }, plan.argv_origins[i]
    local source = plan.argv_sources[i]
    local j = i + 1
    while j <= #plan.argv and plan.argv_sources[j] == source and plan.argv[j] ~= "-s"
      and plan.argv[j] ~= "-l" and plan.argv[j] ~= plan.argv[i] do
      words[#words + 1] = plan.argv[j]
      j = j + 1
    end
    lines[#lines + 1] = { core.command(table.remove(words, 1), words), origin }
    i = j
  end
  local width = 0
  for _, line in ipairs(lines) do
    if #line[1] <= 60 then
      width = math.max(width, #line[1])
    end
  end
  for _, line in ipairs(lines) do
    io.stdout:write(string.format("%-" .. width .. "s  %s\n", line[1], line[2] or ""))
  end
  io.stdout:write(string.format("%-" .. width .. "s  %s\n", "(target " .. plan.target .. ")",
    plan.origins.target))
  local describe = require("acrn.host").describe
  for _, step in ipairs(plan.host) do
    io.stdout:write("host: ", describe(step), "\n")
  end
end

-- A sentence for how acrn-dm ended (acrn-dm.md: its exit codes).
local function ending(how, code)
  if how == "signal" then
    if code == 11 then
      return "acrn-dm crashed (killed by SIGSEGV)"
    end
    return string.format("acrn-dm was killed by signal %d", code)
  end
  local sentences = {
    [64] = "acrn-dm rejected an option value (exit 64)",
    [10] = "acrn-dm could not read the kernel image (exit 10)",
    [11] = "acrn-dm could not read the ramdisk (exit 11)",
    [1] = "acrn-dm failed (exit 1): see its output",
  }
  return sentences[code] or string.format("acrn-dm exited with status %d", code)
end

-- --foreground: acrn-dm as a supervised child; returns its exit status.
foreground = function(plan, lock, recipe)
  local command = core.command(plan.program, plan.argv)
  local child, message, errno = core.spawn(plan.program, plan.argv, lock, false, function()
    local undone, why = core.host_undo(plan.root, plan.host)
    if not undone then
      say("could not give the host back: " .. why)
    elseif #plan.host > 0 then
      say("gave the host back")
    end
  end)
  if not child then
    core.host_undo(plan.root, plan.host)
    lock:release()
    say(message)
    return exec_status(errno)
  end
  vms().record(lock, vms().state(plan, child.pid, recipe))
  say(string.format("started %s (pid %d): %s", plan.name, child.pid, command))
  local ok, how, code = child:supervise(function(line)
    io.stderr:write(os.date("!%Y-%m-%dT%H:%M:%SZ"), " ", plan.name, ": ", line, "\n")
  end)
  if ok then
    say(string.format("%s exited", plan.name))
    return EXIT_OK
  end
  say(ending(how, code))
  local tail = child:stderr()
  if tail ~= "" then
    say("the last of its output:")
    io.stderr:write(tail:sub(-4096), tail:sub(-1) == "\n" and "" or "\n")
  end
  if how == "signal" then
    return 128 + code
  end
  return code
end

-- Everything after the options are parsed: returns the exit status.
local function launch(options)
  local site, problem, status = load_site(options)
  if site == nil then
    say(problem)
    return status
  end
  if site then
    local ok, message = enforce(site, options)
    if not ok then
      say(message)
      return EXIT_USAGE
    end
    site_policy.prepare(site)
  end
  -- The command line comes last: it overrides what the site and recipe say.
  local dm = options.dm or os.getenv("ACRN_DM")
  if options.target then
    acrn.defaults.target = options.target
  end
  if options.root then
    acrn.defaults.root = options.root
  end
  if dm then
    acrn.defaults.dm = dm
  end

  if options.interactive and not options.recipe then
    return require("acrn.repl").run({})
  end
  local vm, message = run_recipe(options.recipe, options.recipe_args, site, options)
  if not vm then
    say(message)
    return EXIT_RECIPE
  end
  local ok, failure = pcall(function()
    if site then
      site_policy.apply_defaults(site, vm)
      site_policy.adjust(site, vm)
    end
    acrn.layer = "command line"
    if options.target then
      vm.target = options.target
    end
    if dm then
      vm.dm = dm
    end
  end)
  if not ok then
    say(tostring(failure))
    return EXIT_RECIPE
  end

  if options.interactive then
    return require("acrn.repl").run({ vm = vm })
  end
  local built, plan = pcall(vm.plan, vm)
  if not built then
    say(tostring(plan))
    return EXIT_RECIPE
  end
  for _, warning in ipairs(plan.warnings) do
    say("warning: " .. warning)
  end
  local describe = require("acrn.host").describe
  if options.dry_run then
    for _, step in ipairs(plan.host) do
      say("would prepare the host: " .. describe(step))
    end
  end
  if site then
    local accepted, reason = site_policy.check(site, plan)
    if not accepted then
      say(reason)
      return EXIT_RECIPE
    end
  end
  if options.explain then
    explain(plan)
    return EXIT_OK
  end
  if options.json then
    io.stdout:write(require("acrn.json").encode(plan, core.command(plan.program, plan.argv)),
      "\n")
    return EXIT_OK
  end
  local command = core.command(plan.program, plan.argv)
  if options.check then
    local host_ok, host_message = vm:check_host()
    if host_ok then
      host_ok, host_message = core.host_check(plan.root, plan.host)
    end
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
  acrn.recipe_path = options.recipe
  local lock, lock_message, lock_errno = vms().take(plan)
  if not lock then
    say(lock_message)
    return lock_errno == vms().EBUSY and EXIT_RUNNING or EXIT_RECIPE
  end
  local prepared, prepare_message = core.host_run(plan.root, plan.host)
  if not prepared then
    lock:release()
    say(prepare_message)
    return EXIT_RECIPE
  end
  for _, step in ipairs(plan.host) do
    say("prepared the host: " .. describe(step))
  end
  if options.foreground then
    return foreground(plan, lock, options.recipe)
  end
  vms().record(lock, vms().state(plan, core.pid(), options.recipe))
  lock:keep_on_exec()
  say("exec " .. command)
  local _, exec_message, errno = core.exec(plan.program, plan.argv)
  core.host_undo(plan.root, plan.host)
  lock:release()
  say(exec_message)
  return exec_status(errno)
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
      acrn.defaults.target, site_policy.DEFAULT_PATH))
    return EXIT_OK
  end
  if options.version then
    io.stdout:write("acrn-launch ", acrn.version, "\n")
    return EXIT_OK
  end
  if options.target and not known_target(options.target) then
    say(string.format("unknown target %q (known: %s, auto)", options.target,
      table.concat(acrn.targets, ", ")))
    return EXIT_USAGE
  end
  local command = subcommands[options.recipe]
  if command then
    if options.target then
      acrn.defaults.target = options.target
    end
    local status, problem_text = command.run(options)
    if not status then
      say(problem_text)
      return EXIT_USAGE
    end
    return status
  end
  return launch(options)
end

return M
