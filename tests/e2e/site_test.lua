-- SPDX-License-Identifier: Apache-2.0
-- The site policy through acrn-launch: each declaration, the order of the
-- layers, --explain, every refusal, enforce, and the sandbox's walls.
local spec = require "spec"
local launcher = require "launcher"

local function has(text, word)
  spec.truthy(text:find(word, 1, true), string.format("%q lacks %q", text, word))
end

local stand_in = launcher.stand_in

-- Writes a site file: `body` is Lua for the returned table's fields.
local function site(name, body)
  return launcher.write(name, 'local acrn = require "acrn"\nreturn {\n  defaults = { dm = '
    .. string.format("%q", stand_in) .. " },\n" .. body .. "\n}\n")
end

local function recipe(name, text)
  return launcher.write(name, 'local acrn = require "acrn"\n' .. text)
end

local plain_vm = recipe("plain.lua", 'return acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }\n')

-- Runs acrn-launch with `args`, no ACRN_DM in the environment.
local function run(args)
  return launcher.run(args, { dm = false })
end

spec.it("site defaults fill what the recipe leaves out; the recipe wins", function()
  local file = launcher.write("defaults.lua", 'local acrn = require "acrn"\nreturn {\n'
    .. "  defaults = { dm = " .. string.format("%q", stand_in) .. ', memory = "1G",\n'
    .. '    bootargs = { "console=hvc0" }, raw = { "--site-raw" },\n'
    .. '    devices = { acrn.virtio_rnd {} } },\n}\n')
  local result = run({ "--site", file, plain_vm })
  spec.eq(result.status, 0, result.stderr)
  spec.eq(result.argv, { "-m", "1G", "-s", "0:0,hostbridge", "-s", "3,virtio-rnd", "-B",
    "console=hvc0", "--site-raw", "vm1" }, "argv")
  local own = recipe("own.lua", 'return acrn.vm { name = "vm1", memory = "2G", '
    .. 'bootargs = "quiet", raw = { "--own" }, devices = { acrn.hostbridge {} } }\n')
  result = run({ "--site", file, own })
  spec.eq(result.argv, { "-m", "2G", "-s", "0:0,hostbridge", "-s", "3,virtio-rnd", "-B",
    "console=hvc0 quiet", "--site-raw", "--own", "vm1" }, "lists merge, scalars: recipe wins")
end)

spec.it("precedence: built-in < site < profile < recipe < adjust < command line", function()
  local file = site("layers.lua", [[
  profiles = { base = function(inputs)
    return acrn.vm { name = inputs.name, memory = "1G", kernel = "/profile/k",
      ramdisk = "/profile/r", devices = { acrn.hostbridge {} } }
  end },
  adjust = function(vm) vm.ramdisk = "/adjust/r" end,]])
  -- the site's defaults.dm is overridden below by nothing; target by the CLI
  local text = 'local vm = acrn.profile("base", { name = "vm1" })\nvm.kernel = "/recipe/k"\n'
    .. "return vm\n"
  local path = recipe("layered.lua", text)
  local result = run({ "--site", file, "--target", "2.6", path })
  spec.eq(result.status, 0, result.stderr)
  spec.eq(result.argv, { "-m", "1G", "-s", "0:0,hostbridge", "-k", "/recipe/k", "-r", "/adjust/r",
    "vm1" }, "argv")
  local explained = run({ "--site", file, "--target", "2.6", "--explain", path }).stdout
  has(explained, stand_in)
  has(explained, file .. " (defaults)")
  has(explained, "-m 1G")
  spec.truthy(explained:find("%-m 1G%s+" .. file:gsub("%p", "%%%0") .. ":%d+ %(profile%)"),
    explained)
  spec.truthy(explained:find("%-k /recipe/k%s+" .. path:gsub("%p", "%%%0") .. ":3\n"), explained)
  spec.truthy(explained:find("%-r /adjust/r%s+" .. file:gsub("%p", "%%%0") .. ":%d+ %(adjust%)"),
    explained)
  has(explained, "(target 2.6)")
  has(explained, "(command line)")
  spec.eq(run({ "--site", file, "--explain", path }).argv, nil, "--explain runs nothing")
end)

spec.it("check accepts with true, refuses with false and a reason, or an error", function()
  local accept = site("accept.lua", "  check = function(plan) return plan.name == 'vm1' end,")
  spec.eq(run({ "--site", accept, plain_vm }).status, 0, "accepted")
  local refuse = site("refuse.lua", "  check = function(plan)\n"
    .. "    return false, 'no VMs on Fridays: ' .. plan.name\n  end,")
  local result = run({ "--site", refuse, plain_vm })
  spec.eq(result.status, 1, "refused")
  spec.eq(result.argv, nil, "nothing ran")
  has(result.stderr, refuse .. ": refused by the site policy: no VMs on Fridays: vm1")
  local nothing = site("nothing.lua", "  check = function() end,")
  has(run({ "--site", nothing, plain_vm }).stderr, "check did not return true")
  local raises = site("raises.lua", "  check = function(plan)\n    error('boom')\n  end,")
  result = run({ "--site", raises, plain_vm })
  spec.eq(result.status, 1, "an error refuses")
  has(result.stderr, raises .. ":5: boom")
  local writes = site("writes.lua", "  check = function(plan)\n    plan.name = 'x'\n  end,")
  has(run({ "--site", writes, plain_vm }).stderr, "read-only")
  -- the dry run is checked too
  spec.eq(run({ "-n", "--site", refuse, plain_vm }).status, 1, "dry run refused")
end)

spec.it("a site that fails to load or is malformed stops the launch", function()
  local cases = {
    { "syntax.lua", "return {\n  defaults = \n", "syntax.lua:3:" },
    { "runtime.lua", "local x = nil\nreturn x.y\n", "runtime.lua:2:" },
    { "nil.lua", "return nil\n", "must return a table, not nil" },
    { "key.lua", "return { defaultz = {} }\n", 'unknown key "defaultz"' },
    { "type.lua", "return { check = true }\n", "check must be a function, not boolean" },
    { "field.lua", "return { defaults = { memroy = 1 } }\n", "defaults.memroy is not a VM field" },
    { "cli.lua", "return { allow_cli = { '--everything' } }\n", 'allow_cli: unknown "--everything"' },
    { "limit.lua", "return { limits = { instructions = -1 } }\n", "limits.instructions must be" },
  }
  for _, case in ipairs(cases) do
    local path = launcher.write(case[1], case[2])
    local result = run({ "--site", path, plain_vm })
    spec.eq(result.status, 1, case[1])
    spec.eq(result.argv, nil, "nothing ran")
    has(result.stderr, case[3])
  end
  local result = run({ "--site", launcher.dir .. "/absent.lua", plain_vm })
  spec.eq(result.status, 1, "absent site")
  has(result.stderr, "absent.lua")
end)

spec.it("enforce refuses command-line overrides the site does not allow", function()
  local law = site("law.lua", "  enforce = true,\n  allow_cli = { '--root' },")
  for _, args in ipairs({ { "--dm", stand_in }, { "--target", "2.6" }, { "--no-sandbox" } }) do
    local all = { "--site", law, table.unpack(args) }
    all[#all + 1] = plain_vm
    local result = run(all)
    spec.eq(result.status, 2, table.concat(args, " "))
    has(result.stderr, args[1] .. " is not allowed by the site policy " .. law)
    spec.eq(result.argv, nil, "nothing ran")
  end
  local result = launcher.run({ "--site", law, plain_vm })
  spec.eq(result.status, 2, "ACRN_DM")
  has(result.stderr, "ACRN_DM is not allowed")
  result = run({ "--site", law, "--root", "/", plain_vm })
  spec.eq(result.status, 0, "--root is allowed: " .. result.stderr)
  local lax = site("lax.lua", "  enforce = true,\n  allow_cli = { '--target' },")
  spec.eq(run({ "--site", lax, "--target", "2.6", plain_vm }).status, 0, "allowed")
end)

-- The default site path can only be tested in a private mount namespace.
local function with_default_site(site_path, args)
  local probe = os.execute("unshare -m true 2>/dev/null")
  if not probe then
    return nil
  end
  local words = { "unshare", "-m", "sh", "-c", launcher.quote(
    "mount -t tmpfs none /etc && mkdir /etc/acrn-launch && cp \"$0\" /etc/acrn-launch/site.lua"
    .. ' && shift && exec env -u ACRN_DM ACRN_DM_RECORD="$RECORD" "$@"'),
    launcher.quote(site_path), "x", launcher.quote(launcher.launcher) }
  for _, arg in ipairs(args) do
    words[#words + 1] = launcher.quote(arg)
  end
  local record = launcher.dir .. "/default.record"
  os.remove(record)
  local out = launcher.dir .. "/default.err"
  local _, _, code = os.execute("RECORD=" .. launcher.quote(record) .. " "
    .. table.concat(words, " ") .. " >/dev/null 2>" .. out)
  local file = io.open(out)
  local stderr = file and file:read("a") or ""
  if file then
    file:close()
  end
  return code, stderr, io.open(record) ~= nil
end

spec.it("the default site is loaded, and --site/--no-site obey its enforce", function()
  local law = site("default-law.lua", "  enforce = true,\n"
    .. "  check = function(plan) return false, 'default site was here' end,")
  local code, stderr = with_default_site(law, { plain_vm })
  if code == nil then
    io.stderr:write("skipped: unshare -m is not allowed here\n")
    return
  end
  spec.eq(code, 1, "refused by the default site")
  has(stderr, "default site was here")
  local other = site("other.lua", "")
  code, stderr = with_default_site(law, { "--site", other, plain_vm })
  spec.eq(code, 2, "--site under an enforcing site")
  has(stderr, "--site is not allowed by the site policy /etc/acrn-launch/site.lua")
  code, stderr = with_default_site(law, { "--no-site", plain_vm })
  spec.eq(code, 2, "--no-site under an enforcing site")
  has(stderr, "--no-site is not allowed by the site policy /etc/acrn-launch/site.lua")
  local open = site("default-open.lua", "")
  local ran
  code, stderr, ran = with_default_site(open, { "--no-site", "--dm", stand_in, plain_vm })
  spec.eq(code, 0, "a site that does not enforce allows --no-site: " .. stderr)
  spec.truthy(ran, "the stand-in ran")
end)

-- A sandboxed recipe that tries `text`: refused with `words`, nothing run.
local function escape(name, text, words)
  local policy = site("sandbox-" .. name .. ".lua",
    "  sandbox = true,\n  limits = { instructions = 2000000, memory = 8388608 },")
  local path = recipe(name .. ".lua", text)
  local result = run({ "--site", policy, path })
  spec.eq(result.status, 1, name .. ": " .. result.stderr)
  spec.eq(result.argv, nil, name .. ": nothing ran")
  for _, word in ipairs(words) do
    has(result.stderr, word)
  end
  return result
end

local VM = 'acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }'

spec.it("a sandboxed recipe reaches no file, shell, module or bytecode", function()
  escape("io", 'io.open("/etc/passwd")\nreturn ' .. VM, { "io.lua:2:", "global 'io'" })
  escape("os", 'os.execute("true")\nreturn ' .. VM, { "field 'execute'" })
  escape("core", 'require "acrn.core"\nreturn ' .. VM, { 'require "acrn.core" is not available' })
  escape("posix", 'require "io"\nreturn ' .. VM, { "not available in the sandbox" })
  escape("dump", 'string.dump(print)\nreturn ' .. VM, { "field 'dump'" })
  escape("debug", 'debug.getinfo(1)\nreturn ' .. VM, { "global 'debug'" })
  escape("dofile", 'dofile("/etc/passwd")\nreturn ' .. VM, { "global 'dofile'" })
  escape("loadfile", 'loadfile("/etc/passwd")\nreturn ' .. VM, { "global 'loadfile'" })
  escape("bytecode", 'local f = assert(load("\\27Lua", "x", "b"))\nreturn ' .. VM,
    { "attempt to load a binary chunk" })
  escape("launch", "local vm = " .. VM .. "\nvm:launch()\nreturn vm",
    { "vm:launch is not available to a sandboxed recipe" })
  escape("host", "local vm = " .. VM .. "\nvm:check_host()\nreturn vm",
    { "vm:check_host is not available" })
  escape("gc", "setmetatable({}, { __gc = function() end })\nreturn " .. VM,
    { "__gc is not available" })
end)

spec.it("a sandboxed recipe is stopped when it loops or allocates without end", function()
  escape("loop", "while true do end", { "loop.lua:2:", "budget of 2000000 instructions" })
  escape("pcall-loop", "while true do pcall(function() while true do end end) end",
    { "budget of 2000000 instructions" })
  escape("memory", "local t = {}\nfor i = 1, 1e9 do t[i] = string.rep('x', 1000) .. i end",
    { "more than its 8388608 bytes of memory" })
end)

spec.it("the site's check cannot be bypassed from the sandbox", function()
  local strict = site("strict.lua", "  sandbox = true,\n"
    .. "  check = function(plan) return plan.fields.memory == '1G', 'memory must be 1G' end,")
  local function refused(name, text, words)
    local result = run({ "--site", strict, recipe(name .. ".lua", text) })
    spec.eq(result.status, 1, name .. ": " .. result.stderr)
    spec.eq(result.argv, nil, name .. ": nothing ran")
    for _, word in ipairs(words) do
      has(result.stderr, word)
    end
  end
  local bad = 'acrn.vm { name = "vm1", memory = "2G", devices = { acrn.hostbridge {} } }'
  refused("replace-vm", "acrn.vm = function() end\nreturn " .. bad, { "read-only in the sandbox" })
  refused("rawset-acrn", "rawset(acrn, 'is_vm', function() return true end)\n"
    .. "return { name = 'vm1' }", { "must return a VM", "not table" })
  refused("fake-vm", "local vm = " .. bad .. "\nlocal fake = setmetatable({}, "
    .. "{ __index = vm })\nreturn fake", { "must return a VM" })
  refused("metatable", "local vm = " .. bad .. "\nsetmetatable(vm, {})\nreturn vm",
    { "cannot change a protected metatable" })
  refused("rawset-vm", "local vm = " .. bad .. "\nrawset(vm, 'memory', '1G')\nreturn vm",
    { "changed with rawset" })
  refused("defaults", "acrn.defaults.dm = '/bin/true'\nreturn " .. bad, { "read-only" })
  refused("string-meta", "getmetatable('').__index.rep = nil\nreturn " .. bad,
    { "attempt to index a nil value" })
  refused("plan-later", "local vm = " .. bad .. "\nlocal plan = vm:plan()\nplan.fields.memory = '1G'\n"
    .. "return vm", { "memory must be 1G" })
  refused("cycle", "local vm = " .. bad .. "\nlocal t = {}\nt[1] = t\nvm.raw = t\nreturn vm",
    { "raw.1 contains itself" })
  local ok = recipe("ok.lua", 'return acrn.vm { name = "vm1", memory = "1G", '
    .. "devices = { acrn.hostbridge {} } }\n")
  spec.eq(run({ "--site", strict, ok }).status, 0, "the same site accepts a good recipe")
end)

spec.it("a device the site adds moves none of the recipe's devices", function()
  local recipe_path = recipe("slots.lua", 'return acrn.vm { name = "vm1", devices = { '
    .. 'acrn.hostbridge {}, acrn.virtio_blk { path = "/a.img" }, '
    .. 'acrn.virtio_net { tap = "tap0" }, acrn.virtio_rnd { slot = 5 } } }\n')
  local bare = run({ "--site", site("bare.lua", ""), recipe_path })
  local more_site = launcher.write("more.lua", 'local acrn = require "acrn"\nreturn {\n'
    .. "  defaults = { dm = " .. string.format("%q", stand_in) .. ", devices = {\n"
    .. '    acrn.virtio_console { ports = { { backend = "pty" } } }, acrn.wdt {} } },\n}\n')
  local more = run({ "--site", more_site, recipe_path })
  spec.eq(bare.status, 0, bare.stderr)
  spec.eq(more.status, 0, more.stderr)
  local function slots(argv)
    local found = {}
    for i = 2, #argv do
      if argv[i - 1] == "-s" then
        found[argv[i]] = true
      end
    end
    return found
  end
  for arg in pairs(slots(bare.argv)) do
    spec.truthy(slots(more.argv)[arg], arg .. " stays where it was")
  end
  spec.truthy(slots(more.argv)["4,virtio-net,tap=tap0"], "the NIC (and its MAC) kept slot 4")
  spec.truthy(slots(more.argv)["6,virtio-console,pty:pty_port"], "the site's console after")
  spec.truthy(slots(more.argv)["7,wdt-i6300esb"], "and the watchdog")
end)

spec.it("the example site accepts and refuses its recipes", function()
  local example = launcher.source .. "/examples/site/"
  local text = assert(io.open(example .. "site.lua")):read("a")
  local local_site = launcher.write("example-site.lua",
    (text:gsub('dm = "/usr/bin/acrn%-dm"', "dm = " .. string.format("%q", stand_in))))
  local result = run({ "--site", local_site, example .. "vm-web.lua" })
  spec.eq(result.status, 0, result.stderr)
  -- the site's console goes after the recipe's devices: it moves none of them
  spec.eq(result.argv, { "-m", "2G", "-s", "0:0,hostbridge",
    "-s", "3,virtio-blk,/var/lib/acrn/images/web.img",
    "-s", "4,virtio-net,tap=tap_web,mac=02:00:00:00:01:01",
    "-s", "5,virtio-console,@pty:pty_port",
    "-k", "/var/lib/acrn/kernels/bzImage", "-B", "console=hvc0 quiet root=/dev/vda1 rw",
    "vm-web" }, "vm-web, with the site's console and parameters, without debug")
  result = run({ "--site", local_site, example .. "vm-small.lua" })
  spec.eq(result.status, 0, result.stderr)
  for name, words in pairs({
    ["refused-image"] = "has . or .. in it",
    ["refused-memory"] = "16384 MiB of memory is more than the 8192 MiB",
    ["refused-passthru"] = "host device 3/0/0 may not be passed through",
    ["refused-name"] = 'the name "Web_Server" is not vm-NAME',
  }) do
    result = run({ "--site", local_site, example .. name .. ".lua" })
    spec.eq(result.status, 1, name)
    spec.eq(result.argv, nil, name .. ": nothing ran")
    has(result.stderr, words)
  end
  result = run({ "--site", local_site, "--target", "2.6", example .. "vm-web.lua" })
  spec.eq(result.status, 2, "the target is pinned")
end)

spec.done()
