-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch --help: the usage text, from acrn.cli's options and the
-- subcommands' table.
local acrn = require "acrn"
local cli = require "acrn.cli"
local options = require "acrn.options"
local sessions = require "acrn.session"

local M = {}

-- The text of acrn-launch --help.
function M.text()
  local lines = {
    "usage: acrn-launch [options] RECIPE [ARGS...]",
    "       acrn-launch -i [RECIPE]",
  }
  local subcommands = require "acrn.subcommands"
  for _, command in ipairs(subcommands.SUBCOMMANDS) do
    lines[#lines + 1] = "       " .. subcommands.synopsis(command)
  end
  lines[#lines + 1] = [[

Runs the Lua RECIPE (which returns acrn.vm{...}) under the site policy,
checks the VM against acrn-dm's grammar for the target release, and
execs acrn-dm. ARGS are the recipe's `arg` table. A recipe is a path:
one named like a subcommand is given as ./devices.

options:]]
  local filled = {
    TARGETS = table.concat(acrn.targets, ", "), DEFAULT = sessions.BUILT_IN.target,
    SITE = cli.SITE_PATH,
  }
  for _, line in ipairs(options.help_lines(cli.OPTIONS)) do
    lines[#lines + 1] = (line:gsub("%u%u%u+", function(word) return filled[word] or word end))
  end
  lines[#lines + 1] = "\nsubcommands (each takes --help):"
  for _, command in ipairs(subcommands.SUBCOMMANDS) do
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

return M
