-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch -i driven through a real pseudo-terminal (tmux): evaluate,
-- continue a chunk, complete, Ctrl-C a loop, an error then a good line,
-- history in a second run, saving a recipe that renders the same.
local spec = require "spec"
local launcher = require "launcher"

local home = launcher.dir .. "/home"
os.execute("mkdir -p " .. launcher.quote(home))
local socket = launcher.dir .. "/tmux.sock"

local function tmux(args)
  return os.execute(launcher.plain .. "tmux -S " .. launcher.quote(socket) .. " " .. args .. " >/dev/null 2>&1")
end

local function screen()
  local pipe = assert(io.popen(launcher.plain .. "tmux -S " .. launcher.quote(socket)
    .. " capture-pane -p -J -S -200 -t repl 2>/dev/null"))
  local text = pipe:read("a")
  pipe:close()
  return text
end

-- Waits (up to 20 s) until the screen shows `text` `times` times.
local function wait_for(text, times)
  times = times or 1
  local shown
  for _ = 1, 200 do
    shown = screen()
    local count = select(2, shown:gsub(text:gsub("%p", "%%%0"), ""))
    if count >= times then
      return shown
    end
    os.execute("sleep 0.1")
  end
  error(string.format("the REPL never showed %q (%d times); screen:\n%s", text, times, shown), 2)
end

local function send(...)
  local keys = {}
  for _, key in ipairs({ ... }) do
    keys[#keys + 1] = launcher.quote(key)
  end
  tmux("send-keys -t repl " .. table.concat(keys, " "))
end

-- Starts acrn-launch -i with `args` in a fresh tmux session.
local function start(args)
  tmux("kill-server")
  local command = "env HOME=" .. launcher.quote(home) .. " XDG_STATE_HOME= "
    .. launcher.quote(launcher.launcher)
    .. " -i " .. args
  assert(tmux("new-session -d -s repl -x 160 -y 50 " .. launcher.quote(command)),
    "tmux could not start a session")
  wait_for("Ctrl-D leaves")
end

local function stop()
  send("C-d")
  for _ = 1, 100 do
    if not tmux("has-session -t repl") then
      return
    end
    os.execute("sleep 0.1")
  end
  error("the REPL did not leave on Ctrl-D")
end

local minimal = launcher.source .. "/examples/minimal.lua"

spec.it("expressions print, statements run, chunks continue, errors keep the session", function()
  start("--no-site " .. launcher.quote(minimal))
  send("vm.memory", "Enter")
  wait_for("2048M")
  send("x = (", "Enter")
  wait_for("  >> ")
  send("40 + 2)", "Enter")
  send("x", "Enter")
  wait_for("\n42")
  send("local y = x * 2", "Enter")
  send("y", "Enter")
  wait_for("\n84")
  send("nosuch.field", "Enter")
  wait_for("error: stdin:1: attempt to index a nil value (global 'nosuch')")
  send("1 + 1", "Enter")
  wait_for("\n2\n")
  send("vm", "Enter")
  wait_for("-s 6,virtio-rnd")
  send("acrn.virtio_blk { path = '/img', slot = 4 }", "Enter")
  wait_for("-s 4,virtio-blk,/img")
  send("vm:plan()", "Enter")
  wait_for("/usr/bin/acrn-dm -m 2048M")
  stop()
end)

spec.it("Tab completes module names, fields in a constructor, a VM's fields and methods", function()
  start("--no-site " .. launcher.quote(minimal))
  send("acrn.virtio_rn", "Tab")
  wait_for("acrn> acrn.virtio_rnd")
  send("C-u", "acrn.virtio_blk { pa", "Tab")
  wait_for("acrn.virtio_blk { path")
  send("C-u", "vm:chec", "Tab")
  wait_for("acrn> vm:check")
  send("Tab")
  wait_for("check  check_host")
  send("C-u", "acrn.virtio_c", "Tab")
  wait_for("acrn> acrn.virtio_co")
  send("C-u", "vm.mem", "Tab")
  wait_for("acrn> vm.memory")
  send("C-u")
  stop()
end)

spec.it("Ctrl-C stops a long loop and cancels a line, keeping the session", function()
  start("--no-site")
  send("while true do end", "Enter")
  os.execute("sleep 0.3")
  send("C-c")
  wait_for("error: interrupted")
  send("half a line", "C-c")
  wait_for("acrn> ", 3)
  send("'still here'", "Enter")
  wait_for("\nstill here")
  stop()
end)

spec.it("history is there in a second run", function()
  start("--no-site")
  send("'remember me'", "Enter")
  wait_for("\nremember me")
  stop()
  start("--no-site")
  send("Up")
  wait_for("acrn> 'remember me'")
  send("C-u")
  stop()
end)

spec.it("a VM shaped at the prompt saves as a recipe that renders the same", function()
  local saved = launcher.dir .. "/shaped.lua"
  start("--no-site")
  send("v = acrn.vm { name = 'shaped', memory = 512, devices = { acrn.hostbridge {} } }", "Enter")
  send("v:add(acrn.virtio_net { tap = 'tap1', mac = '02:00:00:00:00:09' })", "Enter")
  send("v.bootargs = { 'quiet', 'console=ttyS0' }", "Enter")
  send("v:command()", "Enter")
  wait_for("shaped")
  send(string.format("v:save(%q)", saved), "Enter")
  wait_for("\ntrue")
  local shown = screen()
  stop()
  local command = shown:match("(/usr/bin/acrn%-dm %-m 512M[^\n]*shaped)")
  spec.truthy(command, shown)
  local result = launcher.run({ "-n", "--dm", "/usr/bin/acrn-dm", saved })
  spec.eq(result.status, 0, result.stderr)
  spec.eq(result.stdout, command .. "\n", "the saved recipe renders the same command")
end)

spec.it("vm:launch at the prompt asks first, and 'n' keeps the REPL", function()
  start("--no-site --dm " .. launcher.quote(launcher.stand_in) .. " " .. launcher.quote(minimal))
  send("vm:launch()", "Enter")
  wait_for("Launch it? [y/N]")
  send("n", "Enter")
  wait_for("launch cancelled")
  stop()
end)

spec.it("M6: the history file is never read or written through a link", function()
  local victim = launcher.write("m6-victim", "precious\n")
  local history = home .. "/.local/state/acrn-launch/history"
  local kept = launcher.dir .. "/m6-kept"
  os.rename(history, kept) -- the history of the tests above, for after
  local errors = launcher.dir .. "/m6.err"
  for _, how in ipairs({ "-s", "" }) do -- a symbolic link, then a hard one
    os.remove(history)
    os.execute("ln " .. how .. " " .. launcher.quote(victim) .. " " .. launcher.quote(history))
    start("--no-site 2>" .. launcher.quote(errors))
    send("'not to be kept'", "Enter")
    wait_for("\nnot to be kept")
    stop()
    local said = assert(io.open(errors)):read("a")
    spec.truthy(said:find("cannot save the history to " .. history, 1, true), said)
    spec.eq(assert(io.open(victim)):read("a"), "precious\n", "the file it led to is untouched")
  end
  os.remove(history)
  os.rename(kept, history)
end)

tmux("kill-server")
spec.done()
