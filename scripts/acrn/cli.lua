-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch's command line: load the site policy, begin the session, run
-- a recipe, then print, explain, check, launch or supervise the acrn-dm
-- command it describes; and the subcommands (acrn.subcommands).  Every
-- option is in the table below, every subcommand in acrn.subcommands' (as
-- SUBCOMMANDS here), which the parser, --help, the manual page and
-- completion read.  Returns the exit status; main.c exits with it.
local acrn = require "acrn"
local core = require "acrn.core"
local errors = require "acrn.errors"
local lifecycle = require "acrn.lifecycle"
local options = require "acrn.options"
local sessions = require "acrn.session"

core.internal()

local M = {}

-- The subcommands' table and the site policy's module are loaded when
-- they are used: a launch without a site needs neither.
setmetatable(M, {
  __index = function(_, key)
    if key == "SUBCOMMANDS" then
      return require("acrn.subcommands").SUBCOMMANDS
    end
    return nil
  end,
})

local function site_policy()
  return require "acrn.site"
end

-- The site policy every launch obeys, when it exists.
local SITE_PATH = "/etc/acrn-launch/site.lua"
M.SITE_PATH = SITE_PATH

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
  return core.printable(tostring(text))
end

local function say(message)
  io.stderr:write("acrn-launch: ", printable(message), "\n")
end
M.say = say

local load_site -- below: the site policy the options call for

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
-- Reads the site file at `path` as trusted code is read (see
-- core.trusted_read) and returns its policy (acrn.site); nil when it is
-- the `default` site and does not exist.  Raises with the file's line or
-- name.
local function read_site(path, default)
  local text, why, code = core.trusted_read(path, default)
  if not text then
    if default and code == core.errno.ENOENT then
      return nil
    end
    error(why, 0)
  end
  return site_policy().load(path, text)
end

function load_site(values)
  local ok, default = pcall(read_site, SITE_PATH, true)
  if not ok then
    return nil, errors.text(default), EXIT.recipe
  end
  for flag, word in pairs({ site = "--site", no_site = "--no-site" }) do
    if values[flag] and default and not site_policy().allows(default, word) then
      return nil, string.format("%s is not allowed by the site policy %s (enforce = true)",
        word, default.path), EXIT.usage
    end
  end
  if values.no_site then
    return false
  end
  if values.site then
    local loaded
    ok, loaded = pcall(read_site, values.site, false)
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
  for _, word in ipairs(site_policy().CLI_WORDS) do
    if used[word] and not site_policy().allows(site, word) then
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
function M.launch_status(code, stage)
  if stage == "lock" and code == core.errno.EBUSY then
    return EXIT.running
  elseif stage == "start" then
    return code == core.errno.ENOENT and EXIT.not_found or EXIT.not_executable
  end
  return EXIT.recipe
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
    settings = site_policy().prepare(site)
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
      site_policy().apply_defaults(site, vm)
      site_policy().adjust(site, vm)
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
  if site and site.enforce and not site_policy().allows_recipe(site, "dm") then
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
    local accepted, reason = site_policy().check(site, acrn.internal.plan_table(plan))
    if not accepted then
      return nil, reason, plan
    end
  end
  return plan
end
M.recipe_vm, M.checked_plan, M.load_site = recipe_vm, checked_plan, load_site

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
    require("acrn.explain").print(acrn.internal.plan_table(plan))
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
    return require("acrn.foreground").run(session, vm, plan)
  end
  local _, launch_message, code, stage = lifecycle.launch(session, vm, "exec", say, plan)
  say(launch_message)
  return M.launch_status(code, stage)
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
    io.stdout:write(require("acrn.usage").text())
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
  -- a subcommand is a lowercase word: only such a word needs their table
  local command = not dashdash and type(positional[1]) == "string"
    and positional[1]:match("^%l+$") and require("acrn.subcommands").find(positional[1])
  if command then
    for key in pairs(values) do
      if key ~= "target" then
        return usage(command.name .. " takes only --target before it")
      end
    end
    local status, problem = require("acrn.subcommands").run(command,
      { table.unpack(positional, 2) }, values)
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
