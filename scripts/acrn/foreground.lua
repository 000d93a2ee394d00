-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch --foreground: acrn-dm as a child the launcher supervises
-- (SIGINT, SIGTERM and SIGHUP forwarded, its output logged, systemd told
-- when it is ready), how it ended in a sentence, and the exit status that
-- tells acrn-dm's from the launcher's own.
local cli = require "acrn.cli"
local core = require "acrn.core"
local lifecycle = require "acrn.lifecycle"

core.internal()

local M = {}

local EXIT, say = cli.EXIT, cli.say

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
-- apart from them (status).
local OWN = { [EXIT.recipe] = true, [EXIT.usage] = true, [EXIT.not_running] = true,
  [EXIT.running] = true, [EXIT.not_executable] = true, [EXIT.not_found] = true }

-- --foreground's exit status once acrn-dm has run: its exit code, or 128+N
-- when signal N ended it; a code that is also one of the launcher's own
-- (1, 2, 3, 4, 126, 127) becomes 100 + it (101, 102, 103, 104, 226, 227),
-- so that a supervisor tells "acrn-dm failed" from "the recipe is broken".
function M.status(how, code)
  if how == "signal" then
    return 128 + code
  end
  if OWN[code] then
    return 100 + code
  end
  return code
end

-- Launches `vm` (built: `plan`) in `session` as a supervised child (its
-- stdout and stderr logged line by line, with a timestamp unless they go
-- to the journal); under systemd (Type=notify) READY=1 once the exec is
-- confirmed and acrn-dm's monitor socket exists.  Returns the exit status.
function M.run(session, vm, plan)
  local child, record, failure, stage = lifecycle.launch(session, vm, "supervise", say, plan)
  if not child then
    say(record)
    return cli.launch_status(failure, stage)
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
  return M.status(how, code)
end

return M
