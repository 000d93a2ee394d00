-- SPDX-License-Identifier: Apache-2.0
-- The docs a user reads match the program: the manual page renders
-- without warnings and names every option; --help names every option;
-- bash completion offers options, targets and recipe files.
local spec = require "spec"
local launcher = require "launcher"

local source = launcher.source

local function output(command)
  local pipe = assert(io.popen(command))
  local text = pipe:read("a")
  pipe:close()
  return text
end

-- Every option and subcommand the command line knows: its one table.
local function options()
  local cli = require "acrn.cli"
  local found = {}
  for _, option in ipairs(cli.OPTIONS) do
    found[#found + 1] = option.long
    found[#found + 1] = option.short
  end
  for _, command in ipairs(cli.SUBCOMMANDS) do
    found[#found + 1] = command.name
    for _, option in ipairs(command.options or {}) do
      found[#found + 1] = option.long
    end
  end
  assert(#found > 20, "could not read the options from acrn.cli")
  return found
end

spec.it("the manual page renders without warnings and names every option", function()
  local page = source .. "/packaging/acrn-launch.1"
  local warnings = output(launcher.plain .. "man --warnings -l " .. launcher.quote(page)
    .. " 2>&1 >/dev/null")
  spec.eq(warnings, "", "man --warnings")
  local text = output(launcher.plain .. "MANWIDTH=200 man -l " .. launcher.quote(page)
    .. " 2>/dev/null | col -b")
  for _, option in ipairs(options()) do
    spec.truthy(text:find(option, 1, true), "the manual page lacks " .. option)
  end
  for _, word in ipairs({ "EXIT STATUS", "126", "127", "FILES", "/etc/acrn-launch/site.lua",
    "EXAMPLES", "ACRN_DM" }) do
    spec.truthy(text:find(word, 1, true), "the manual page lacks " .. word)
  end
end)

spec.it("--help names every option", function()
  local help = launcher.run({ "--help" }).stdout
  for _, option in ipairs(options()) do
    spec.truthy(help:find(option, 1, true), "--help lacks " .. option)
  end
end)

-- Completions bash offers for the words of a command line.
local function complete(words)
  local script = launcher.write("complete.sh", table.concat({
    "source " .. launcher.quote(source .. "/packaging/acrn-launch.bash-completion"),
    "COMP_WORDS=(" .. table.concat(words, " ") .. ")",
    "COMP_CWORD=" .. (#words - 1),
    "_acrn_launch",
    'printf "%s\\n" "${COMPREPLY[@]}"',
  }, "\n"))
  local bin = launcher.dir .. "/bin"
  os.execute("mkdir -p " .. launcher.quote(bin) .. " && ln -sf " .. launcher.quote(launcher.launcher)
    .. " " .. launcher.quote(bin .. "/acrn-launch"))
  return output("cd " .. launcher.quote(source .. "/examples") .. " && " .. launcher.plain
    .. "PATH=" .. launcher.quote(bin) .. ":$PATH bash " .. launcher.quote(script))
end

spec.it("bash completion offers options, targets and recipe files", function()
  spec.eq(complete({ "acrn-launch", "--tar" }), "--target\n", "an option")
  local targets = complete({ "acrn-launch", "--target", "3." })
  spec.eq(targets, "3.0\n3.0.1\n3.0.2\n3.1\n3.2\n3.3\n", "targets, patch releases too")
  local files = complete({ "acrn-launch", "min" })
  spec.eq(files, "minimal.lua\n", "recipe files")
  spec.truthy(complete({ "acrn-launch", "dev" }):find("devices", 1, true), "subcommands")
end)

spec.done()
