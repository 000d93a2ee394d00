-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch's subcommands (devices, import, list, status, stop, kill,
-- console, blkrescan, release): their table, which the parser, --help, the
-- manual page and completion read (as acrn.cli's SUBCOMMANDS), and how
-- each runs.  Loaded only for a word that can name one: a launch never
-- needs it.
local cli = require "acrn.cli"
local lifecycle = require "acrn.lifecycle"
local options = require "acrn.options"
local running = require "acrn.running"
local sessions = require "acrn.session"

local M = {}

local EXIT, say = cli.EXIT, cli.say

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
      local vms = running.list(session)
      if values.json then
        local json = require "acrn.json"
        local entries = {}
        for i, vm in ipairs(vms) do
          entries[i] = json.vm_entry(vm, vm.stopped and "stopped" or "running", os.time())
        end
        io.stdout:write(json.encode_list(entries), "\n")
        return EXIT.ok
      end
      for _, vm in ipairs(vms) do
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
      local ok, why, status = running.stop(session, words[1], { grace = grace,
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
      local ok, why = running.kill(session, words[1])
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
      if not running.running(session, words[1]) then
        say(string.format("no VM named %s is running", words[1]))
        return EXIT.not_running
      end
      local ok, why = running.console(session, words[1], say)
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
        local site, problem, status = cli.load_site({})
        if site == nil then
          say(problem)
          return status
        end
        if site and not require("acrn.site").allows(site, "--acrnctl") then
          return nil, string.format("--acrnctl is not allowed by the site policy %s (enforce = "
            .. "true)", site.path)
        end
      end
      if not running.running(session, words[1]) then
        say(string.format("no VM named %s is running", words[1]))
        return EXIT.not_running
      end
      local ok, output = running.blkrescan(session, words[1], index, words[3], values.acrnctl)
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
      local done, why, status = running.release(session, words[1])
      if not done then
        say(why)
        return status == "unknown" and EXIT.not_running or EXIT.recipe
      end
      io.stdout:write(why, "\n")
      return EXIT.ok
    end,
  },
}

local by_name = {}
for _, command in ipairs(M.SUBCOMMANDS) do
  by_name[command.name] = command
end

-- The subcommand called `word`, or nil.
function M.find(word)
  return by_name[word]
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

-- Runs a subcommand with the words after its name and the values of the
-- options before it: the exit status, or nil and a usage problem.
function M.run(command, words, values)
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
  local vm, session, site = cli.recipe_vm(values, record.recipe, {})
  if not vm then
    return nil, session
  end
  local plan, problem = cli.checked_plan(vm, session, site)
  if not plan then
    return nil, problem
  end
  local hash = plan:hash(vm:program())
  return hash ~= record.hash, hash
end

-- acrn-launch status NAME [--json]: 0 when it runs, 3 when not.
function M.status(session, name, as_json)
  local json = require "acrn.json"
  local record = running.running(session, name)
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
    local kept = running.record(session, name)
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

return M
