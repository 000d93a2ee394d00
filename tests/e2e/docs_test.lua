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

spec.it("the manual page has import, devices, status; SEE ALSO names pages that exist", function()
  local page = assert(io.open(source .. "/packaging/acrn-launch.1")):read("a")
  for _, section in ipairs({ ".SH IMPORT", ".SH DEVICES", ".SH SYSTEMD", ".BI status " }) do
    spec.truthy(page:find(section, 1, true), "the manual page lacks " .. section)
  end
  local see_also = page:match("%.SH SEE ALSO\n(.-)\n%.SH") or page:match("%.SH SEE ALSO\n(.*)$")
  local count = 0
  for name, section in see_also:gmatch("%.BR ([%w%.%-]+) %((%d)%)") do
    count = count + 1
    spec.truthy(os.execute(launcher.plain .. "man -w " .. section .. " " .. name .. " >/dev/null 2>&1"),
      "SEE ALSO names " .. name .. "(" .. section .. "), which man cannot find")
  end
  spec.truthy(count >= 2, "pages in SEE ALSO: " .. count)
end)

spec.it("--help names every option", function()
  local help = launcher.run({ "--help" }).stdout
  for _, option in ipairs(options()) do
    spec.truthy(help:find(option, 1, true), "--help lacks " .. option)
  end
end)

local completion = assert(os.getenv("ACRN_COMPLETION_DIR"), "ACRN_COMPLETION_DIR is not set")

-- Completions bash offers for the words of a command line (run_dir: the
-- VMs' run directory).
local function complete(words, run_dir)
  local script = launcher.write("complete.sh", table.concat({
    run_dir and "export ACRN_LAUNCH_RUN_DIR=" .. launcher.quote(run_dir) or "",
    "source " .. launcher.quote(completion .. "/acrn-launch.bash"),
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

-- A run directory with the traces of VMs vm1 (a lock) and web (a record).
local function run_dir_with_vms()
  local dir = launcher.dir .. "/completion-run"
  os.execute("mkdir -p " .. launcher.quote(dir))
  launcher.write("completion-run/vm1.lock", "")
  launcher.write("completion-run/web.record", "")
  return dir
end

spec.it("bash completion: every option and subcommand of the table, VM names after NAME",
  function()
    local cli = require "acrn.cli"
    for _, option in ipairs(cli.OPTIONS) do
      spec.truthy(complete({ "acrn-launch", option.long }):find(option.long .. "\n", 1, true),
        "offers " .. option.long)
    end
    for _, command in ipairs(cli.SUBCOMMANDS) do
      spec.truthy(complete({ "acrn-launch", command.name }):find(command.name, 1, true),
        "offers " .. command.name)
      for _, option in ipairs(command.options or {}) do
        local word = option.long or option.short
        spec.truthy(complete({ "acrn-launch", command.name, word }):find(word, 1, true),
          command.name .. " offers " .. word)
      end
    end
    spec.eq(complete({ "acrn-launch", "stop", "--g" }), "--grace\n", "stop's own option")
    spec.eq(complete({ "acrn-launch", "import", "--fr" }), "--from\n", "import's")
    spec.eq(complete({ "acrn-launch", "--fore" }), "--foreground\n", "--foreground")
    local run_dir = run_dir_with_vms()
    for _, command in ipairs({ "stop", "kill", "console", "status" }) do
      spec.eq(complete({ "acrn-launch", command, "''" }, run_dir), "vm1\nweb\n", command)
    end
    spec.eq(complete({ "acrn-launch", "stop", "w" }, run_dir), "web\n", "a prefix")
  end)

spec.it("fish completion: subcommands, their options, VM names", function()
  if not os.execute("command -v fish >/dev/null 2>&1") then
    io.stderr:write("skipped: no fish here\n")
    return
  end
  local run_dir = run_dir_with_vms()
  local function fish(line)
    return output(launcher.plain .. "ACRN_LAUNCH_RUN_DIR=" .. launcher.quote(run_dir)
      .. " fish --no-config -c " .. launcher.quote("source " .. launcher.quote(completion
      .. "/acrn-launch.fish") .. "; complete -C " .. launcher.quote(line)))
  end
  local listed = fish("acrn-launch sta")
  spec.truthy(("\n" .. listed):find("\nstatus\t"), listed)
  spec.truthy(fish("acrn-launch stop --"):find("--grace", 1, true), "stop --grace")
  spec.eq(fish("acrn-launch kill "), "vm1\nweb\n", "VM names")
  spec.truthy(fish("acrn-launch --targ"):find("--target", 1, true), "--target")
end)

spec.it("zsh completion is valid zsh and names every option and subcommand", function()
  if not os.execute("command -v zsh >/dev/null 2>&1") then
    io.stderr:write("skipped: no zsh here\n")
    return
  end
  local file = completion .. "/acrn-launch.zsh"
  spec.eq(output(launcher.plain .. "zsh -n " .. launcher.quote(file) .. " 2>&1; echo $?"), "0\n",
    "zsh -n")
  local text = assert(io.open(file)):read("a")
  for _, option in ipairs(options()) do
    spec.truthy(text:find(option, 1, true), "zsh completion lacks " .. option)
  end
  spec.truthy(text:find("_acrn_launch_vms", 1, true), "VM names")
end)

spec.done()
