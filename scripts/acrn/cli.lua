-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch's command line: load the site policy, begin the session, run
-- a recipe, then print, explain, check, launch or supervise the acrn-dm
-- command it describes; and the subcommands.  Every option and subcommand
-- is in the tables below, which the parser, --help, the manual page and
-- completion read.  Returns the exit status; main.c exits with it.
local acrn = require "acrn"
local core = require "acrn.core"
local errors = require "acrn.errors"
local lifecycle = require "acrn.lifecycle"
local options = require "acrn.options"
local sessions = require "acrn.session"
local site_policy = require "acrn.site"

core.internal()

local M = {}

-- The largest recipe read outside the sandboxed (where its memory budget
-- bounds it).
local RECIPE_MAX = 256 * 1024 * 1024

local EXIT = { ok = 0, recipe = 1, usage = 2, not_running = 3, running = 4,
  not_executable = 126, not_found = 127 }
M.EXIT = EXIT

-- The options before a recipe (or a subcommand).  `mode`: at most one of
-- these at a time.
M.OPTIONS = {
  { short = "-n", long = "--dry-run", key = "dry_run", mode = true,
    help = "print the acrn-dm command line and run nothing" },
  { long = "--json", key = "json", mode = true,
    help = "print the plan as JSON (doc/plan-json.md), run nothing" },
  { short = "-i", long = "--interactive", key = "interactive", mode = true,
    help = "a Lua prompt with acrn loaded (and the recipe's VM as vm); Tab completes, "
      .. "Ctrl-D leaves" },
  { long = "--foreground", key = "foreground", mode = true,
    help = "run acrn-dm as a child and supervise it: forward SIGINT, SIGTERM, SIGHUP, log "
      .. "its output, tell systemd READY=1 (Type=notify), exit with its status (128+N for "
      .. "signal N, 100+S where S is one of the launcher's own)" },
  { short = "-c", long = "--check", key = "check", mode = true,
    help = "also check the host (kernel, ramdisk, disk images, consoles, host steps, "
      .. "acrn-dm executable); print nothing on success" },
  { long = "--explain", key = "explain", mode = true,
    help = "print each argument with the file:line and layer that set it, and run nothing" },
  { long = "--target", key = "target", value = "REL",
    help = "ACRN release to build for: TARGETS, or auto (ask acrn-dm -v); default DEFAULT" },
  { long = "--dm", key = "dm", value = "PATH",
    help = "acrn-dm to run (default: $ACRN_DM, the recipe's dm, the site's, or "
      .. "/usr/bin/acrn-dm)" },
  { long = "--root", key = "root", value = "DIR",
    help = "read host facts and prepare the host under DIR (default /)" },
  { long = "--site", key = "site", value = "FILE",
    help = "the site policy (default SITE, when it exists)" },
  { long = "--no-site", key = "no_site", help = "run without a site policy" },
  { long = "--sandbox", key = "sandbox",
    help = "run the recipe in the sandbox (no files, no shell, bounded)" },
  { long = "--no-sandbox", key = "no_sandbox", help = "turn a site's sandbox off" },
  { short = "-h", long = "--help", key = "help", help = "show this text" },
  { long = "--version", key = "version", help = "show the version" },
}

-- Control characters shown as \xNN: a recipe's error or warning cannot
-- move the cursor, recolour the terminal or fake a line of its own.
local function printable(text)
  return (tostring(text):gsub("[%c]", function(byte)
    return byte == "\t" and byte or string.format("\\x%02x", byte:byte())
  end))
end

local function say(message)
  io.stderr:write("acrn-launch: ", printable(message), "\n")
end

-- ---------------------------------------------------------------------------
-- Subcommands

local load_site -- below: the site policy the options call for

local function session_for(values)
  return sessions.new({ target = values.target, root = values.root })
end

-- The NAME argument of a subcommand, checked.
local function vm_name(name)
  local ok, why = lifecycle.check_name(name)
  if not ok then
    return nil, why
  end
  return name
end

M.SUBCOMMANDS = {
  {
    name = "devices", summary = "print the devices and VM fields the catalogue knows (with "
      .. "--target, what that release accepts)",
    options = { { long = "--target", key = "target", value = "REL",
      help = "only what this release accepts" } },
    run = function(values)
      io.stdout:write(require("acrn.reference").markdown(values.target))
      return EXIT.ok
    end,
  },
  {
    name = "import", rest = "ACRN-DM-ARGS",
    options = {
      { long = "--target", key = "target", value = "REL",
        help = "the release the command line is for (default: inferred from its clues; auto: "
          .. "what acrn-dm -v says)" },
      { long = "--from", key = "from", value = "FILE",
        help = "read the command line from FILE (at most 1 MiB; - is standard input)" },
      { short = "-o", long = "--output", key = "output", value = "FILE",
        help = "write the recipe to FILE instead of standard output" },
    },
    summary = "turn an acrn-dm command line or launch script into a recipe",
    description = [[
Reads an acrn-dm command line (the words after --, or FILE: a launch
script, a launch script's "Launch device model with parameters: ..." log
line, or an acrn-dm command with shell quoting) and writes the recipe that
launches the same VM.  What the catalogue does not know is kept in
raw = { ... } and reported on standard error.  A script is read, never run.

exit status: 0 done; 1 a command line acrn-dm would refuse, or a file that
cannot be read; 2 usage.]],
    run = function(values, words)
      return EXIT[require("acrn.import").main(values, words)]
    end,
  },
  {
    name = "list", summary = "the VMs launched on this host",
    options = { { long = "--json", key = "json", help = "as JSON" } },
    run = function(values, _, session)
      local running = lifecycle.list(session)
      if values.json then
        local json = require "acrn.json"
        local entries = {}
        for i, vm in ipairs(running) do
          entries[i] = json.vm_entry(vm, vm.stopped and "stopped" or "running", os.time())
        end
        io.stdout:write(json.encode_list(entries), "\n")
        return EXIT.ok
      end
      for _, vm in ipairs(running) do
        if vm.stopped then
          io.stdout:write(string.format("%-16s %8s %10s  %s (stopped; run acrn-launch release "
            .. "%s)\n", vm.name, "-", "-", vm.recipe or "-", vm.name))
        else
          io.stdout:write(string.format("%-16s %8d %9ds  %s\n", vm.name, vm.pid,
            os.time() - (vm.started or os.time()), vm.recipe or "-"))
        end
      end
      return EXIT.ok
    end,
  },
  {
    name = "status", positional = { "NAME" }, summary = "whether VM NAME runs (exit 0) or not "
      .. "(exit 3): pid, uptime, and drift: whether its recipe now renders another plan",
    options = { { long = "--json", key = "json", help = "as JSON" } },
    run = function(values, words, session)
      return M.status(session, words[1], values.json)
    end,
  },
  {
    name = "stop", positional = { "NAME" }, summary = "stop a VM: ask its guest to power off "
      .. "(DM_STOP), after --grace S SIGINT, 10 s later SIGKILL; a real-time VM is only asked",
    options = {
      { long = "--grace", key = "grace", value = "S",
        help = "seconds the guest has to power off before SIGINT (default 15)" },
      { long = "--force", key = "force",
        help = "signal a real-time VM too when its guest does not power off (its CPUs then "
          .. "stay with the hypervisor)" },
    },
    run = function(values, words, session)
      local grace = tonumber(values.grace or "15")
      if not grace or grace < 0 or grace > 86400 then
        return nil, "--grace takes a number of seconds"
      end
      local ok, why, status = lifecycle.stop(session, words[1], { grace = grace,
        force = values.force, say = say })
      if not ok then
        say(why)
        return status == "not running" and EXIT.not_running or EXIT.recipe
      end
      local endings = { guest = "its guest powered off", SIGINT = "SIGINT ended acrn-dm",
        SIGKILL = "SIGKILL ended acrn-dm" }
      io.stdout:write(string.format("%s stopped: %s\n", words[1], endings[why]))
      return EXIT.ok
    end,
  },
  {
    name = "kill", positional = { "NAME" }, summary = "kill a VM (SIGKILL)",
    run = function(_, words, session)
      local ok, why = lifecycle.kill(session, words[1])
      if not ok then
        say(why)
        return EXIT.not_running
      end
      return EXIT.ok
    end,
  },
  {
    name = "console", positional = { "NAME" }, summary = "attach the terminal to its console "
      .. "port; Ctrl-] leaves",
    run = function(_, words, session)
      if not lifecycle.running(session, words[1]) then
        say(string.format("no VM named %s is running", words[1]))
        return EXIT.not_running
      end
      local ok, why = lifecycle.console(session, words[1], say)
      if not ok then
        say(why)
        return EXIT.recipe
      end
      return EXIT.ok
    end,
  },
  {
    name = "blkrescan", positional = { "NAME", "INDEX", "PATH" },
    summary = "put a disk into placeholder drive INDEX (acrnctl)",
    options = { { long = "--acrnctl", key = "acrnctl", value = "PATH",
      help = "the acrnctl to run (default /usr/bin/acrnctl)" } },
    run = function(values, words, session)
      local index = math.tointeger(tonumber(words[2]))
      if not index then
        return nil, "INDEX must be a drive index (an integer)"
      end
      if values.acrnctl then
        -- the program runs as root: an enforcing site decides
        local site, problem, status = load_site({})
        if site == nil then
          say(problem)
          return status
        end
        if site and not site_policy.allows(site, "--acrnctl") then
          return nil, string.format("--acrnctl is not allowed by the site policy %s (enforce = "
            .. "true)", site.path)
        end
      end
      if not lifecycle.running(session, words[1]) then
        say(string.format("no VM named %s is running", words[1]))
        return EXIT.not_running
      end
      local ok, output = lifecycle.blkrescan(session, words[1], index, words[3], values.acrnctl)
      if not ok then
        -- acrnctl's own lines stay lines
        for line in (output .. "\n"):gmatch("([^\n]*)\n") do
          say(line)
        end
        return EXIT.recipe
      end
      io.stdout:write(output)
      return EXIT.ok
    end,
  },
  {
    name = "release", positional = { "NAME" }, summary = "give back what the launch of NAME "
      .. "prepared on the host (pci-stub bindings, taps, CPUs), once it has stopped",
    run = function(_, words, session)
      local done, why, status = lifecycle.release(session, words[1])
      if not done then
        say(why)
        return status == "unknown" and EXIT.not_running or EXIT.recipe
      end
      io.stdout:write(why, "\n")
      return EXIT.ok
    end,
  },
}

local subcommand_by_name = {}
for _, command in ipairs(M.SUBCOMMANDS) do
  subcommand_by_name[command.name] = command
end

-- The synopsis line of a subcommand.
local function synopsis(command)
  local words = { "acrn-launch", command.name }
  for _, option in ipairs(command.options or {}) do
    words[#words + 1] = "[" .. (option.long or option.short)
      .. (option.value and " " .. option.value or "") .. "]"
  end
  if command.rest then
    words[#words + 1] = "[-- " .. command.rest .. "...]"
  end
  for _, name in ipairs(command.positional or {}) do
    words[#words + 1] = name
  end
  return table.concat(words, " ")
end
M.synopsis = synopsis

-- Runs a subcommand with the words after its name.
local function run_subcommand(command, words, values)
  local session = session_for(values)
  local own, positional, dashed = options.parse(words, (function()
    local list = { { short = "-h", long = "--help", key = "help", help = "show this text" } }
    for _, option in ipairs(command.options or {}) do
      list[#list + 1] = option
    end
    return list
  end)())
  local hint = command.rest and " (put " .. command.rest .. " after --)" or ""
  if not own then
    return nil, positional .. hint
  end
  if own.help then
    io.stdout:write("usage: ", synopsis(command), "\n\n", command.summary, "\n")
    if command.description then
      io.stdout:write("\n", command.description, "\n")
    end
    if command.options then
      io.stdout:write("\noptions:\n", table.concat(options.help_lines(command.options), "\n"),
        "\n")
    end
    return EXIT.ok
  end
  for key, value in pairs(own) do
    values[key] = value
  end
  if command.rest then
    -- its words are those after "--" (nil: there was no "--")
    if #positional > (dashed or 0) then
      return nil, string.format("unexpected %q%s", positional[1], hint)
    end
    return command.run(values, dashed and positional, session)
  end
  local names = command.positional or {}
  if #positional ~= #names then
    return nil, string.format("%s expects %s", command.name,
      #names > 0 and table.concat(names, " ") or "no arguments")
  end
  if names[1] == "NAME" then
    local ok, why = vm_name(positional[1])
    if not ok then
      return nil, why
    end
  end
  return command.run(values, positional, session)
end

-- ---------------------------------------------------------------------------
-- The usage text, from the tables

function M.usage()
  local lines = {
    "usage: acrn-launch [options] RECIPE [ARGS...]",
    "       acrn-launch -i [RECIPE]",
  }
  for _, command in ipairs(M.SUBCOMMANDS) do
    lines[#lines + 1] = "       " .. synopsis(command)
  end
  lines[#lines + 1] = [[

Runs the Lua RECIPE (which returns acrn.vm{...}) under the site policy,
checks the VM against acrn-dm's grammar for the target release, and
execs acrn-dm. ARGS are the recipe's `arg` table. A recipe is a path:
one named like a subcommand is given as ./devices.

options:]]
  local filled = {
    TARGETS = table.concat(acrn.targets, ", "), DEFAULT = sessions.BUILT_IN.target,
    SITE = site_policy.DEFAULT_PATH,
  }
  for _, line in ipairs(options.help_lines(M.OPTIONS)) do
    lines[#lines + 1] = (line:gsub("%u%u%u+", function(word) return filled[word] or word end))
  end
  lines[#lines + 1] = "\nsubcommands (each takes --help):"
  for _, command in ipairs(M.SUBCOMMANDS) do
    local head = "  " .. command.name
    for _, name in ipairs(command.positional or {}) do
      head = head .. " " .. name
    end
    lines[#lines + 1] = head .. "\n                     " .. command.summary
  end
  lines[#lines + 1] = [[

One VM per name: a launch whose name runs already exits 4; locks and
records live in $ACRN_LAUNCH_RUN_DIR (default /run/acrn-launch).

An enforcing site policy refuses --site, --no-site, --no-sandbox, --dm,
$ACRN_DM, --target and --root unless its allow_cli lists them.

exit status: 0 done; 1 recipe, plan, site or check error; 2 usage;
3 no VM of that name runs (stop, kill, console, blkrescan, release); 4 a VM
of that name runs already; 126 acrn-dm not executable; 127 acrn-dm not
found. On every non-zero exit nothing was run. With --foreground, once
acrn-dm has run: its exit code, 128+N when signal N ended it, and
100+S for a status S that is one of the launcher's own (1 2 3 4 126 127).]]
  return table.concat(lines, "\n") .. "\n"
end

-- ---------------------------------------------------------------------------
-- Running a recipe

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

-- Loads the site policy the options call for: the default one when it
-- exists, --site instead when allowed, none with --no-site when allowed.
-- A site that exists but cannot be trusted or read stops everything.
-- Returns the site (or false for none), or nil, message, exit status.
function load_site(values)
  local ok, default = pcall(site_policy.load, site_policy.DEFAULT_PATH, true)
  if not ok then
    return nil, errors.text(default), EXIT.recipe
  end
  for flag, word in pairs({ site = "--site", no_site = "--no-site" }) do
    if values[flag] and not site_policy.allows(default, word) then
      return nil, string.format("%s is not allowed by the site policy %s (enforce = true)",
        word, default.path), EXIT.usage
    end
  end
  if values.no_site then
    return false
  end
  if values.site then
    local loaded
    ok, loaded = pcall(site_policy.load, values.site)
    if not ok then
      return nil, errors.text(loaded), EXIT.recipe
    end
    return loaded
  end
  return default or false
end

-- Refuses command-line overrides an enforcing site does not allow.
local function enforce(site, values)
  local used = {
    ["--dm"] = values.dm, ["--target"] = values.target, ["--root"] = values.root,
    ["--no-sandbox"] = values.no_sandbox, ACRN_DM = os.getenv("ACRN_DM"),
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
local function run_recipe(path, args, site, values)
  local recipe_arg = { [0] = path }
  for i, value in ipairs(args) do
    recipe_arg[i] = value
  end
  local sandboxed = (values.sandbox or (site and site.sandbox)) and not values.no_sandbox
  if sandboxed then
    local ok, vm = pcall(require("acrn.sandbox").run, path, recipe_arg, site and site.limits)
    if not ok then
      return nil, errors.text(vm)
    end
    return vm
  end
  -- a regular file only: a FIFO or a device would block the launcher
  local text, why = core.read_recipe(path, RECIPE_MAX)
  if not text then
    return nil, why
  end
  local chunk, message = load(text, "@" .. path, "t")
  if not chunk then
    return nil, message
  end
  _G.arg = recipe_arg
  local ok, vm = pcall(chunk, table.unpack(args))
  if not ok then
    if type(vm) ~= "string" and not errors.is(vm) then
      return nil, string.format("%s: the recipe raised an error that is not a message (%s)",
        path, type(vm))
    end
    return nil, errors.text(vm)
  end
  if not acrn.is_vm(vm) then
    return nil, string.format("%s: the recipe must return a VM made by acrn.vm{...}, not %s",
      path, type(vm))
  end
  return vm
end

-- The exit status for a launch that failed at `stage` with errno `code`: a
-- VM of that name runs, acrn-dm is missing or cannot run, or anything else.
local function launch_status(code, stage)
  if stage == "lock" and code == core.errno.EBUSY then
    return EXIT.running
  elseif stage == "start" then
    return code == core.errno.ENOENT and EXIT.not_found or EXIT.not_executable
  end
  return EXIT.recipe
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
  for _, step in ipairs(plan.host) do
    io.stdout:write("host: ", step.step, " ", step.object, ": ", step.does, "\n")
  end
end

-- A sentence for how acrn-dm ended (acrn-dm.md: its exit codes).
local function ending(how, code)
  if how == "signal" then
    if code == core.signals.SIGSEGV then
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

-- The launcher's own exit statuses; acrn-dm's, once it has run, are told
-- apart from them (foreground_status).
local OWN = { [EXIT.recipe] = true, [EXIT.usage] = true, [EXIT.not_running] = true,
  [EXIT.running] = true, [EXIT.not_executable] = true, [EXIT.not_found] = true }

-- --foreground's exit status once acrn-dm has run: its exit code, or 128+N
-- when signal N ended it; a code that is also one of the launcher's own
-- (1, 2, 3, 4, 126, 127) becomes 100 + it (101, 102, 103, 104, 226, 227),
-- so that a supervisor tells "acrn-dm failed" from "the recipe is broken".
function M.foreground_status(how, code)
  if how == "signal" then
    return 128 + code
  end
  if OWN[code] then
    return 100 + code
  end
  return code
end

-- --foreground: acrn-dm as a supervised child (its stdout and stderr
-- logged line by line, with a timestamp unless they go to the journal);
-- under systemd (Type=notify) READY=1 once the exec is confirmed and
-- acrn-dm's monitor socket exists.  Returns the exit status.
local function foreground(session, vm, plan)
  local child, record, failure, stage = lifecycle.launch(session, vm, "supervise", say, plan)
  if not child then
    say(record)
    return launch_status(failure, stage)
  end
  say(string.format("started %s (pid %d): %s", record.name, child.pid,
    core.command(record.program, record.argv)))
  local journal = core.stderr_is_journal(os.getenv("JOURNAL_STREAM"))
  local notify = os.getenv("NOTIFY_SOCKET")
  local root = session.root ~= "/" and session.root or ""
  local socket_name = string.format("%s.monitor.%d.socket", record.name, child.pid)
  local ready = not notify or notify == ""
  local ok, how, code = child:supervise(function(line)
    if journal then
      io.stderr:write(record.name, ": ", line, "\n")
    else
      io.stderr:write(os.date("!%Y-%m-%dT%H:%M:%SZ"), " ", record.name, ": ", line, "\n")
    end
  end, function()
    if ready then
      return
    end
    for _, entry in ipairs(core.list_dir(root .. core.monitor_dir) or {}) do
      if entry == socket_name then
        ready = true
        local sent, why = core.notify(notify, string.format("READY=1\nSTATUS=%s runs (acrn-dm "
          .. "pid %d)", record.name, child.pid))
        if not sent then
          say(why)
        end
      end
    end
  end)
  if ok then
    say(string.format("%s exited", record.name))
    -- acrn-dm did well, but the host is not as it was: that is a failure
    return record.give_back_failed and EXIT.recipe or EXIT.ok
  end
  say(ending(how, code))
  local tail = child:stderr()
  if tail ~= "" then
    say("the last of its output:")
    io.stderr:write(tail:sub(-4096), tail:sub(-1) == "\n" and "" or "\n")
  end
  return M.foreground_status(how, code)
end

-- Loads the site and runs the recipe with the command line's overrides;
-- returns the VM and its session, or nil, message, exit status.  With
-- `interactive` and no recipe, returns false and the session (the REPL).
local function recipe_vm(values, recipe, recipe_args)
  local site, problem, status = load_site(values)
  if site == nil then
    return nil, problem, status
  end
  local settings = {}
  if site then
    local ok, message = enforce(site, values)
    if not ok then
      return nil, message, EXIT.usage
    end
    settings = site_policy.prepare(site)
  end
  -- The command line comes last: it overrides what the site and recipe say.
  local dm = values.dm or os.getenv("ACRN_DM")
  settings.target = values.target or settings.target
  settings.dm = dm or settings.dm
  settings.root = values.root
  settings.recipe = recipe
  local session = sessions.new(settings)
  sessions.begin(session)

  if values.interactive and not recipe then
    return false, session
  end
  local vm, message = run_recipe(recipe, recipe_args, site, values)
  if not vm then
    return nil, message, EXIT.recipe
  end
  local ok, failure = pcall(function()
    if site then
      site_policy.apply_defaults(site, vm)
      site_policy.adjust(site, vm)
    end
    local where = { layer = "command line", where = "" }
    if values.target then
      acrn.internal.set(vm, "target", values.target, where)
    end
    if dm then
      acrn.internal.set(vm, "dm", dm, where)
    end
  end)
  if not ok then
    return nil, errors.text(failure), EXIT.recipe
  end
  if site and site.enforce and not site_policy.allows_recipe(site, "dm") then
    -- the program runs as root: under enforce, the site names it
    local origin = vm:origin("dm")
    if vm.dm ~= nil and origin and (origin.layer == "recipe" or origin.layer == "profile") then
      return nil, string.format("%sdm %q: a recipe may not name the acrn-dm to run under the "
        .. "site policy %s (enforce = true; allow_recipe = { \"dm\" } would allow it)",
        errors.field_line(origin.where, "dm"), tostring(vm.dm), site.path), EXIT.recipe
    end
  end
  return vm, session, site
end

-- The VM built in `session` and checked by the site's check: its core
-- plan (see vm:build); or nil, message, and the plan the site refused.
-- The plan as a table is made only for a site that checks it.
local function checked_plan(vm, session, site)
  local built, plan = pcall(vm.build, vm, session)
  if not built then
    return nil, errors.text(plan)
  end
  if site and site.check then
    local accepted, reason = site_policy.check(site, acrn.internal.plan_table(plan))
    if not accepted then
      return nil, reason, plan
    end
  end
  return plan
end
M.recipe_vm, M.checked_plan = recipe_vm, checked_plan

-- Whether the recipe of a running VM now renders another plan than the
-- one that runs: the recipe is run again as a launch would run it (the
-- default site policy, the recorded acrn-dm and root; no recipe
-- arguments), and its plan's hash compared with the record's.  true or
-- false and the new hash; or nil and why it cannot tell.
local function drift(record)
  if not record.recipe then
    return nil, "the record names no recipe"
  end
  local values = { dm = record.program, root = record.root ~= "/" and record.root or nil }
  local vm, session, site = recipe_vm(values, record.recipe, {})
  if not vm then
    return nil, session
  end
  local plan, problem = checked_plan(vm, session, site)
  if not plan then
    return nil, problem
  end
  local hash = plan:hash(vm:program())
  return hash ~= record.hash, hash
end

-- acrn-launch status NAME [--json]: 0 when it runs, 3 when not.
function M.status(session, name, as_json)
  local json = require "acrn.json"
  local record = lifecycle.running(session, name)
  local entry
  if record then
    entry = json.vm_entry(record, "running", os.time())
    local drifted, detail = drift(record)
    entry.drift = drifted
    if drifted == nil then
      entry.drift_reason = detail
    else
      entry.rendered_hash = detail
    end
  else
    local kept = lifecycle.record(session, name)
    entry = kept and json.vm_entry(kept, "stopped", os.time()) or { name = name,
      state = "not running" }
  end
  if as_json then
    io.stdout:write(json.encode_status(entry), "\n")
  elseif entry.state == "running" then
    local up = entry.uptime or 0
    local lines = {
      string.format("%s: running", name),
      string.format("  pid:     %d", entry.pid),
      string.format("  uptime:  %d s (%d:%02d:%02d)", up, up // 3600, up // 60 % 60, up % 60),
      string.format("  target:  %s", entry.target or "-"),
      string.format("  recipe:  %s", entry.recipe or "-"),
    }
    if entry.drift == nil then
      lines[#lines + 1] = "  drift:   unknown: " .. entry.drift_reason
    elseif entry.drift then
      lines[#lines + 1] = string.format("  drift:   yes: the recipe now renders another plan "
        .. "(%s, running %s); a restart would change the VM", entry.rendered_hash, entry.hash)
    else
      lines[#lines + 1] = "  drift:   none: the recipe renders the plan that runs"
    end
    io.stdout:write(table.concat(lines, "\n"), "\n")
  elseif entry.state == "stopped" then
    io.stdout:write(string.format("%s: stopped; its host steps wait for acrn-launch release %s\n",
      name, name))
  else
    io.stdout:write(string.format("%s: not running\n", name))
  end
  return entry.state == "running" and EXIT.ok or EXIT.not_running
end

-- Everything after the options are parsed: returns the exit status.
local function launch(values, recipe, recipe_args)
  local vm, session, site = recipe_vm(values, recipe, recipe_args)
  if vm == false then
    return require("acrn.repl").run({})
  elseif not vm then
    say(session)
    return site
  end
  if values.interactive then
    return require("acrn.repl").run({ vm = vm })
  end
  local plan, problem, refused = checked_plan(vm, session, site)
  if plan or refused then
    for _, warning in ipairs(acrn.internal.warnings(plan or refused)) do
      say("warning: " .. warning)
    end
  end
  if not plan then
    say(problem)
    return EXIT.recipe
  end
  if values.explain then
    explain(acrn.internal.plan_table(plan))
    return EXIT.ok
  end
  local program = vm:program()
  if values.json then
    io.stdout:write(require("acrn.json").encode(acrn.internal.plan_table(plan),
      plan:command(program)), "\n")
    return EXIT.ok
  end
  if values.check then
    -- the plan's own check: also for a VM a sandboxed recipe made
    local host_ok, host_message = plan:check_host(program, session.root)
    if not host_ok then
      say(host_message)
      return EXIT.recipe
    end
    return EXIT.ok
  end
  if values.dry_run then
    for _, step in ipairs(plan:steps()) do
      say("would prepare the host: " .. step.step .. " " .. step.object .. ": " .. step.does)
    end
    io.stdout:write(plan:command(program), "\n")
    return EXIT.ok
  end
  if values.foreground then
    return foreground(session, vm, plan)
  end
  local _, launch_message, code, stage = lifecycle.launch(session, vm, "exec", say, plan)
  say(launch_message)
  return launch_status(code, stage)
end

function M.main(argv)
  local values, positional = options.parse(argv, M.OPTIONS, true)
  if not values then
    say(positional)
    say("try 'acrn-launch --help'")
    return EXIT.usage
  end
  local usage = function(problem)
    say(problem)
    say("try 'acrn-launch --help'")
    return EXIT.usage
  end
  if values.help then
    io.stdout:write(M.usage())
    return EXIT.ok
  end
  if values.version then
    io.stdout:write("acrn-launch ", acrn.version, "\n")
    return EXIT.ok
  end
  if values.target and not known_target(values.target) then
    say(string.format("unknown target %q (known: %s, auto)", values.target,
      table.concat(acrn.targets, ", ")))
    return EXIT.usage
  end
  local dashdash = false
  for _, word in ipairs(argv) do
    if word == "--" then
      dashdash = true
      break
    elseif word == positional[1] then
      break
    end
  end
  local command = not dashdash and subcommand_by_name[positional[1]]
  if command then
    for key in pairs(values) do
      if key ~= "target" then
        return usage(command.name .. " takes only --target before it")
      end
    end
    local status, problem = run_subcommand(command, { table.unpack(positional, 2) }, values)
    if not status then
      return usage(problem)
    end
    return status
  end
  local modes = 0
  for _, option in ipairs(M.OPTIONS) do
    modes = modes + (option.mode and values[option.key] and 1 or 0)
  end
  if modes > 1 then
    return usage("only one of --dry-run, --check, --explain, --json, -i and --foreground at a "
      .. "time")
  end
  if values.site and values.no_site then
    return usage("--site and --no-site do not go together")
  end
  if values.sandbox and values.no_sandbox then
    return usage("--sandbox and --no-sandbox do not go together")
  end
  local recipe = positional[1]
  if not recipe and not values.interactive then
    return usage("no RECIPE given")
  end
  return launch(values, recipe, { table.unpack(positional, 2) })
end

return M
