-- SPDX-License-Identifier: Apache-2.0
-- The site policy through acrn-launch: each declaration, the order of the
-- layers, --explain, every refusal, enforce, and the sandbox's walls.
local spec = require "spec"
local launcher = require "launcher"

local has = spec.has

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

-- The default site path can only be tested in a private mount namespace:
-- /etc is a fresh tmpfs (root's, 0755) holding acrn-launch/site.lua, a copy
-- of `site_path`; `setup` (shell) runs after, as root, to spoil it; `user`
-- runs the launcher as that user instead of root.
local function with_default_site(site_path, args, setup, user)
  local probe = os.execute("unshare -m true 2>/dev/null")
  if not probe then
    return nil
  end
  local words = { "unshare", "-m", "sh", "-c", launcher.quote(
    "mount -t tmpfs -o mode=0755 none /etc && mkdir -m 0755 /etc/acrn-launch"
    .. ' && install -m 0644 "$0" /etc/acrn-launch/site.lua && ' .. (setup or "true")
    .. ' && shift && exec env -u ACRN_DM ACRN_DM_RECORD="$RECORD" '
    .. (user and ("setpriv --reuid=" .. user .. " --regid=" .. user .. " --clear-groups ") or "")
    .. '"$@"'), launcher.quote(site_path), "x", launcher.quote(launcher.launcher) }
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

-- ---------------------------------------------------------------------------
-- Attacks on the sandbox and the site's authority (issue 14): each performs
-- the attack and shows it refused or harmless.

-- A program an attack would make the launcher run as root: it leaves a mark.
local mark = launcher.dir .. "/evil-ran"
local evil = launcher.write("evil", "#!/bin/sh\ntouch " .. launcher.quote(mark) .. "\n", "755")

-- Whether the evil program ran (and forgets that it did).
local function evil_ran()
  local file = io.open(mark)
  if file then
    file:close()
    os.remove(mark)
  end
  return file ~= nil
end

local function quoted(text)
  return string.format("%q", text)
end

local function exists(path)
  local file = io.open(path)
  if file then
    file:close()
  end
  return file ~= nil
end

local root = (function()
  local pipe = io.popen("id -u")
  local id = pipe:read("l")
  pipe:close()
  return id == "0"
end)()

spec.it("C1: a sandboxed recipe makes the launcher run no program, even with -n", function()
  local open = site("c1-open.lua", "  sandbox = true,")
  local refusing = site("c1-refusing.lua", "  sandbox = true,\n"
    .. "  check = function() return false, 'not this one' end,")
  local cases = {
    { "resolve", "acrn.resolve_target('auto', " .. quoted(evil) .. ")\nreturn " .. VM,
      "field 'resolve_target'" },
    { "auto-dm", 'return acrn.vm { name = "vm1", target = "auto", dm = ' .. quoted(evil)
      .. ", devices = { acrn.hostbridge {} } }", "target \"auto\" would run the recipe's own "
      .. "acrn-dm" },
    { "auto-inside", 'local vm = acrn.vm { name = "vm1", target = "auto", dm = ' .. quoted(evil)
      .. ", devices = { acrn.hostbridge {} } }\nassert(vm:plan())\nreturn vm",
      "not resolved inside the sandbox" },
  }
  for _, case in ipairs(cases) do
    local path = recipe("c1-" .. case[1] .. ".lua", case[2])
    for _, args in ipairs({ { "--site", open, "-n", path }, { "--site", refusing, "-n", path },
      { "--site", refusing, path }, { "--sandbox", "--no-site", "-n", path } }) do
      local result = run(args)
      spec.eq(result.status, 1, case[1] .. ": " .. result.stderr)
      spec.eq(result.argv, nil, case[1] .. ": acrn-dm did not run")
      has(result.stderr, case[3])
      spec.truthy(not evil_ran(), case[1] .. ": the recipe's program did not run")
    end
  end
  -- what the site names is asked, as before: target auto with the site's acrn-dm
  local probe = launcher.write("probe-dm", "#!/bin/sh\ntouch " .. launcher.quote(mark)
    .. "\necho 'DM version is: 3.3-stable'\n", "755")
  local trusted = launcher.write("c1-trusted.lua", 'return { sandbox = true, defaults = { dm = '
    .. quoted(probe) .. " } }\n")
  local result = run({ "--site", trusted, "-n", recipe("c1-auto.lua", 'return acrn.vm { name = '
    .. '"vm1", target = "auto", devices = { acrn.hostbridge {} } }') })
  spec.eq(result.status, 0, result.stderr)
  spec.truthy(evil_ran(), "the site's acrn-dm was asked its release")
end)

spec.it("C2: blkrescan is out of a sandboxed recipe's reach, and NAME is checked", function()
  local planted = launcher.write("planted.lock", "")
  local name = ("../"):rep(12) .. planted:gsub("^/", ""):gsub("%.lock$", "")
  escape("blkrescan", "acrn.blkrescan(" .. quoted(name) .. ", 0, '/x.img', " .. quoted(evil)
    .. ")\nreturn " .. VM, { "blkrescan.lua:2:", "field 'blkrescan'" })
  spec.truthy(not evil_ran(), "acrnctl did not run")
  spec.truthy(exists(planted), "no lock file was removed")
  local result = run({ "blkrescan", name, "0", "/x.img", "--acrnctl", evil })
  spec.eq(result.status, 2, result.stderr)
  has(result.stderr, "is not a VM name")
  spec.truthy(not evil_ran(), "acrnctl did not run")
  spec.truthy(exists(planted), "no lock file was removed")
  -- --acrnctl runs a program as root: an enforcing site decides
  local law = site("c2-law.lua", "  enforce = true,")
  local code, stderr = with_default_site(law, { "blkrescan", "vm1", "0", "/x.img", "--acrnctl",
    evil })
  if code ~= nil then
    spec.eq(code, 2, stderr)
    has(stderr, "--acrnctl is not allowed by the site policy /etc/acrn-launch/site.lua")
    spec.truthy(not evil_ran(), "acrnctl did not run")
  end
end)

spec.it("H1: a recipe plants no code in metatables that trusted code would run", function()
  escape("meta-index", "getmetatable(acrn.hostbridge {}).__index = function() while true do end "
    .. "end\nreturn " .. VM, { "meta-index.lua:2:", "attempt to index a string value" })
  escape("meta-gc", "rawset(getmetatable(acrn.virtio_rnd {}), '__gc', function() end)\nreturn "
    .. VM, { "meta-gc.lua:2:", "bad argument #1 to 'rawset'" })
  escape("meta-set", "setmetatable(acrn.hostbridge {}, { __newindex = function() end })\nreturn "
    .. VM, { "meta-set.lua:2:", "cannot change a protected metatable" })
  escape("meta-kparams", "getmetatable(acrn.kparams.new('a')).__index = nil\nreturn " .. VM,
    { "attempt to index a string value" })
  escape("meta-vm", "local vm = " .. VM .. "\ngetmetatable(vm).__index = nil\nreturn vm",
    { "attempt to index a string value" })
  -- the site's adjust holds: every disk read-only, whatever the recipe tried
  local read_only = site("h1-ro.lua", "  sandbox = true,\n  adjust = function(vm)\n"
    .. "    for _, device in ipairs(vm.devices) do\n      if device.path then device.ro = true "
    .. "end\n    end\n  end,")
  local result = run({ "--site", read_only, recipe("h1-disk.lua",
    'local disk = acrn.virtio_blk { path = "/a.img" }\n'
    .. "pcall(setmetatable, disk, { __newindex = function() end })\n"
    .. "pcall(function() getmetatable(disk).__newindex = function() end end)\n"
    .. 'return acrn.vm { name = "vm1", devices = { acrn.hostbridge {}, disk } }') })
  spec.eq(result.status, 0, result.stderr)
  spec.eq(result.argv, { "-s", "0:0,hostbridge", "-s", "3,virtio-blk,/a.img,ro", "vm1" },
    "the disk is read-only")
end)

spec.it("H2: the site's check sees the program, raw and every host path", function()
  local seen = launcher.dir .. "/h2-seen"
  local watcher = site("h2-watch.lua", "  sandbox = true,\n  check = function(plan)\n"
    .. "    local file = io.open(" .. quoted(seen) .. ", 'w')\n"
    .. "    file:write(plan.program, '\\n')\n"
    .. "    for _, word in ipairs(plan.fields.raw or {}) do file:write(word, '\\n') end\n"
    .. "    for _, path in ipairs(plan.host_paths) do\n"
    .. "      file:write(path.owner, ' ', path.field, ' ', path.need, ' ', path.path, '\\n')\n"
    .. "    end\n    file:close()\n    return true\n  end,")
  local result = run({ "--site", watcher, "-n", recipe("h2.lua", 'return acrn.vm { name = "vm1", '
    .. 'dm = ' .. quoted(stand_in) .. ', kernel = "/k", raw = { "-s", "9,virtio-blk,/dev/sda" }, '
    .. 'devices = { acrn.hostbridge {}, acrn.ahci { ports = { { hd = "/dev/sdb" } } }, '
    .. 'acrn.virtio_blk { path = "/a.img" } } }') })
  spec.eq(result.status, 0, result.stderr)
  local text = assert(io.open(seen)):read("a")
  has(text, stand_in .. "\n")
  has(text, "9,virtio-blk,/dev/sda")
  has(text, " kernel file /k")
  has(text, "device #2 (ahci): ports[1] hd disk /dev/sdb")
  has(text, "device #3 (virtio-blk) path disk /a.img")
  -- under enforce, the program is the site's unless it allows the recipe's
  local law = site("h2-law.lua", "  enforce = true,\n  sandbox = true,")
  local own = recipe("h2-own.lua", 'return acrn.vm {\n  name = "vm1",\n  dm = ' .. quoted(evil)
    .. ",\n  devices = { acrn.hostbridge {} },\n}")
  for _, args in ipairs({ { "-n" }, {}, { "--json" }, { "-c" } }) do
    local all = { "--site", law, table.unpack(args) }
    all[#all + 1] = own
    result = run(all)
    spec.eq(result.status, 1, result.stderr)
    has(result.stderr, own .. ":4: dm " .. quoted(evil) .. ": a recipe may not name the acrn-dm")
    spec.truthy(not evil_ran(), "the recipe's program did not run")
  end
  local lax = site("h2-lax.lua", '  enforce = true,\n  allow_recipe = { "dm" },')
  result = run({ "--site", lax, recipe("h2-stand-in.lua", 'return acrn.vm { name = "vm1", dm = '
    .. quoted(stand_in) .. ", devices = { acrn.hostbridge {} } }") })
  spec.eq(result.status, 0, "allow_recipe lets it: " .. result.stderr)
end)

spec.it("M3: what the instruction budget cannot see, CPU time and the memory cap stop", function()
  local tight = site("m3.lua", "  sandbox = true,\n"
    .. "  limits = { instructions = 1000000, memory = 8388608, cpu_seconds = 1 },")
  local function stopped(name, text_or_path, words)
    local path = text_or_path:sub(1, 1) == "/" and text_or_path or recipe(name .. ".lua",
      text_or_path)
    local started = os.time()
    local result = run({ "--site", tight, path })
    spec.eq(result.status, 1, name .. ": " .. result.stderr)
    spec.eq(result.argv, nil, name .. ": nothing ran")
    spec.truthy(os.time() - started <= 8, name .. ": stopped within seconds")
    local found = false
    for _, word in ipairs(words) do
      found = found or result.stderr:find(word, 1, true) ~= nil
    end
    spec.truthy(found, name .. ": " .. result.stderr)
  end
  stopped("find", 'string.find(("a"):rep(3000), ("a-"):rep(12) .. "b")\nreturn ' .. VM,
    { "ran past its 1 s of CPU time" })
  stopped("gsub", 'local s = ("x"):rep(1e6)\nfor _ = 1, 1e9 do s:gsub("x", "y") end\nreturn '
    .. VM, { "ran past its 1 s of CPU time", "budget of 1000000 instructions" })
  stopped("handler", "xpcall(function() while true do end end, function() while true do end "
    .. "end)\nwhile true do end", { "ran past its 1 s of CPU time", "budget of 1000000" })
  stopped("sort", "local t = {}\nfor i = 1, 2e5 do t[i] = i end\ntable.sort(t, function(a, b) "
    .. "while true do end end)\nreturn " .. VM, { "budget of 1000000", "CPU time" })
  -- a recipe whose compilation alone needs more than the cap
  local words = { "return {" }
  for i = 1, 300000 do
    words[#words + 1] = string.format('"k%d",', i)
  end
  words[#words + 1] = "}"
  stopped("compile", launcher.write("m3-compile.lua", table.concat(words, "\n")),
    { "the recipe used more than its 8388608 bytes of memory" })
  -- 100 MB of recipe
  local huge = launcher.dir .. "/m3-huge.lua"
  local file = assert(io.open(huge, "w"))
  local block = ("x = 1\n"):rep(1000000)
  for _ = 1, 17 do
    file:write(block)
  end
  file:close()
  stopped("huge", huge, { "is 102000000 bytes: a recipe may have at most 8388608" })
  os.remove(huge)
end)

spec.it("confined: code that left Lua's sandbox still runs nothing and writes nothing", function()
  -- a site's profile runs in the sandbox's process with the whole standard
  -- library: it stands for a recipe that got out of Lua's walls
  local written = launcher.dir .. "/confined-written"
  local secret = launcher.write("confined-secret", "root only\n", "600")
  local profiles = site("confined.lua", "  sandbox = true,\n  profiles = {\n"
    .. "    run = function() os.execute('touch ' .. " .. quoted(launcher.quote(mark)) .. ") end,\n"
    .. "    popen = function() io.popen(" .. quoted(evil) .. ") end,\n"
    .. "    write = function() io.open(" .. quoted(written) .. ", 'w') end,\n"
    .. "    read = function(inputs)\n      local file = io.open(" .. quoted(secret) .. ")\n"
    .. "      return acrn.vm { name = file and 'leaked' or 'vm1', devices = { "
    .. "acrn.hostbridge {} } }\n    end,\n  },")
  for _, name in ipairs({ "run", "popen", "write" }) do
    local result = run({ "--site", profiles, recipe("confined-" .. name .. ".lua",
      "return acrn.profile('" .. name .. "', {})") })
    spec.eq(result.status, 1, name .. ": " .. result.stderr)
    has(result.stderr, "the recipe was stopped by the sandbox: it made a system call the "
      .. "sandbox does not allow")
    spec.eq(result.argv, nil, name .. ": nothing ran")
    spec.truthy(not evil_ran(), name .. ": no program ran")
    spec.truthy(not exists(written), name .. ": no file was written")
  end
  if root then
    local result = run({ "--site", profiles, recipe("confined-read.lua",
      "return acrn.profile('read', {})") })
    spec.eq(result.status, 0, result.stderr)
    spec.eq(result.argv[#result.argv], "vm1", "root's files are out of the sandbox's reach")
  end
end)

spec.it("confined: the sandbox's process ends with the launcher", function()
  local policy = site("orphan.lua", "  sandbox = true,\n  limits = { instructions = 1000000000000, "
    .. "cpu_seconds = 60 },")
  local path = recipe("orphan-loop.lua", "while true do end")
  local result = launcher.run({ "--site", policy, path }, { dm = false, kill_after = 0.5 })
  spec.eq(result.status, 137, "the launcher was killed")
  os.execute("sleep 0.3")
  local left = {}
  local pipe = io.popen("ls /proc")
  for entry in pipe:lines() do
    local file = entry:match("^%d+$") and io.open("/proc/" .. entry .. "/cmdline")
    if file then
      if (file:read("a") or ""):find(path, 1, true) then
        left[#left + 1] = entry
      end
      file:close()
    end
  end
  pipe:close()
  spec.eq(left, {}, "no process of the recipe's is left")
end)

spec.it("M4: no environment variable chooses the code a root launcher runs", function()
  if not root then
    io.stderr:write("skipped: M4 is about root\n")
    return
  end
  os.execute("mkdir -p " .. launcher.quote(launcher.dir .. "/m4/acrn/profiles"))
  local touch = "os.execute('touch ' .. " .. quoted(launcher.quote(mark)) .. ")\n"
  launcher.write("m4/acrn/cli.lua", touch .. "return { main = function() return 0 end }\n")
  launcher.write("m4/dkjson.lua", touch .. "return { encode = function() return '' end }\n")
  launcher.write("m4/acrn/profiles/evil.lua", touch .. "return function() end\n")
  local result = launcher.run({ plain_vm }, { env = { ACRN_LAUNCH_SCRIPTS = launcher.dir .. "/m4" } })
  spec.eq(result.status, 2, result.stderr)
  has(result.stderr, "ACRN_LAUNCH_SCRIPTS is not honoured for root")
  spec.truthy(not evil_ran(), "its cli.lua did not run")
  local env = { LUA_PATH = launcher.dir .. "/m4/?.lua", LUA_CPATH = launcher.dir .. "/m4/?.so",
    LUA_PATH_5_4 = launcher.dir .. "/m4/?.lua", LUA_INIT = touch }
  result = launcher.run({ "list", "--json" }, { env = env })
  spec.eq(result.status, 0, result.stderr)
  spec.truthy(not evil_ran(), "dkjson came from the system's Lua directory")
  for _, args in ipairs({ {}, { "--sandbox" } }) do
    args[#args + 1] = recipe("m4-profile.lua", "return acrn.profile('evil', {})")
    result = launcher.run(args, { env = env })
    spec.eq(result.status, 1, result.stderr)
    has(result.stderr, 'acrn.profile: no profile "evil"')
    spec.truthy(not evil_ran(), "the profile came from no LUA_PATH")
  end
end)

spec.it("M5: a site not safe to trust stops everything, naming its path and mode", function()
  local function refused(path, words)
    local result = run({ "--site", path, plain_vm })
    spec.eq(result.status, 1, path .. ": " .. result.stderr)
    spec.eq(result.argv, nil, "nothing ran")
    for _, word in ipairs(words) do
      has(result.stderr, word)
    end
  end
  refused(launcher.write("m5-group.lua", "return {}\n", "664"), { "m5-group.lua", "mode 0664" })
  refused(launcher.write("m5-other.lua", "return {}\n", "646"), { "m5-other.lua", "mode 0646" })
  os.execute("mkdir -m 777 " .. launcher.quote(launcher.dir .. "/m5-open"))
  refused(launcher.write("m5-open/site.lua", "return {}\n"),
    { "m5-open/site.lua", "m5-open is writable by others (mode 0777" })
  os.execute("ln -s " .. launcher.quote(site("m5-target.lua", "")) .. " "
    .. launcher.quote(launcher.dir .. "/m5-link.lua"))
  refused(launcher.dir .. "/m5-link.lua", { "m5-link.lua", "it is a symbolic link" })
  if root then
    local theirs = launcher.write("m5-theirs.lua", "return {}\n")
    os.execute("chown 65534 " .. launcher.quote(theirs))
    refused(theirs, { "m5-theirs.lua", "owned by someone else", "owned by uid 65534" })
  end
  -- the default site: every directory from / down, root's alone
  local good = site("m5-default.lua", "  check = function() return false, 'default was here' end,")
  local cases = {
    { "chmod 666 /etc/acrn-launch/site.lua", "/etc/acrn-launch/site.lua", "mode 0666" },
    { "chmod 777 /etc/acrn-launch", "/etc/acrn-launch is writable by others (mode 0777" },
    { "chown 65534 /etc/acrn-launch", "/etc/acrn-launch is owned by someone else" },
    { "rm /etc/acrn-launch/site.lua && mkdir /etc/acrn-launch/site.lua", "not a regular file" },
    { "chmod 600 /etc/acrn-launch/site.lua", "cannot read it (mode 0600, owned by uid 0)",
      user = "65534" },
  }
  for _, case in ipairs(cases) do
    local code, stderr = with_default_site(good, { "--no-site", plain_vm }, case[1], case.user)
    if code == nil then
      io.stderr:write("skipped: unshare -m is not allowed here\n")
      return
    end
    spec.eq(code, 1, case[1] .. ": " .. stderr)
    for i = 2, #case do
      has(stderr, case[i])
    end
  end
  -- absent: no site
  local code, stderr = with_default_site(good, { "-n", plain_vm }, "rm /etc/acrn-launch/site.lua")
  spec.eq(code, 0, "no default site: " .. stderr)
end)

spec.it("L1: control characters never reach the terminal as they are", function()
  local sandboxed = site("l1.lua", "  sandbox = true,")
  -- Fails when `text` holds a control character other than a line break.
  local function clean(text, what)
    spec.truthy(not text:gsub("[\n\t]", ""):find("%c"), what .. ": raw control characters in "
      .. string.format("%q", text))
  end
  local cases = {
    { "value", 'return acrn.vm { name = "vm1", kernel = "/k\\27[2K", '
      .. "devices = { acrn.hostbridge {} } }", "contains the control character 0x1b", 1 },
    { "raw", 'return acrn.vm { name = "vm1", raw = { "-x\\7" }, '
      .. "devices = { acrn.hostbridge {} } }", "contains the control character 0x07", 1 },
    { "dm", 'return acrn.vm { name = "vm1", dm = "/usr/bin/acrn-dm\\27[2K", '
      .. "devices = { acrn.hostbridge {} } }", "dm must be the path of acrn-dm, without "
      .. "control characters", 1 },
    { "error", 'error("boom\\27[2J\\nacrn-launch: exec /usr/bin/acrn-dm forged")',
      "boom\\x1b[2J\\x0aacrn-launch: exec /usr/bin/acrn-dm forged", 1 },
    { "warning", 'local vm = acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }\n'
      .. 'vm:warn("careful\\27[31m\\rhidden")\nreturn vm', "warning: careful\\x1b[31m\\x0dhidden",
      0 },
  }
  for _, case in ipairs(cases) do
    local path = recipe("l1-" .. case[1] .. ".lua", case[2])
    for _, args in ipairs({ { "-n", path }, { "-n", "--site", sandboxed, path } }) do
      local result = run(args)
      spec.eq(result.status, case[4], case[1] .. ": " .. result.stderr)
      has(result.stderr, case[3])
      clean(result.stderr, case[1])
      clean(result.stdout, case[1])
    end
  end
end)

spec.it("L3: -c checks a sandboxed recipe's VM on the host", function()
  local policy = site("l3.lua", "  sandbox = true,")
  local kernel = launcher.write("l3-kernel", "a kernel")
  local good = recipe("l3-good.lua", 'return acrn.vm { name = "vm1", kernel = ' .. quoted(kernel)
    .. ", devices = { acrn.hostbridge {} } }")
  local result = run({ "-c", "--site", policy, good })
  spec.eq(result.status, 0, result.stderr)
  spec.eq(result.argv, nil, "-c runs nothing")
  local missing = recipe("l3-missing.lua", 'return acrn.vm {\n  name = "vm1",\n  kernel = '
    .. quoted(launcher.dir .. "/no-kernel") .. ",\n  devices = { acrn.hostbridge {} },\n}")
  result = run({ "-c", "--site", policy, missing })
  spec.eq(result.status, 1, result.stderr)
  has(result.stderr, missing .. ":4: kernel")
  has(result.stderr, "cannot be read")
end)

spec.it("L4: a FIFO given as the recipe is refused at once, sandboxed or not", function()
  local fifo = launcher.dir .. "/l4.fifo"
  os.execute("mkfifo " .. launcher.quote(fifo))
  for _, args in ipairs({ { fifo }, { "--sandbox", fifo }, { "-n", fifo } }) do
    local result = run(args)
    spec.eq(result.status, 1, result.stderr)
    has(result.stderr, fifo .. " is a FIFO: a recipe is a regular file")
  end
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
    (text:gsub('local DM = "/usr/bin/acrn%-dm"', "local DM = " .. string.format("%q", stand_in))))
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
    -- H2: what reaches the host, however a recipe says it
    ["refused-dm"] = 'refused-dm.lua:6: dm "/tmp/acrn-dm": a recipe may not name the acrn-dm',
    ["refused-raw"] = "raw acrn-dm arguments are not allowed",
    ["refused-ahci"] = "device #2 (ahci): ports[1]: disk image /dev/sda is not under",
  }) do
    result = run({ "--site", local_site, example .. name .. ".lua" })
    spec.eq(result.status, 1, name)
    spec.eq(result.argv, nil, name .. ": nothing ran")
    has(result.stderr, words)
  end
  result = run({ "--site", local_site, "--target", "2.6", example .. "vm-web.lua" })
  spec.eq(result.status, 2, "the target is pinned")
  -- H3: --root is not the command line's to give under this site
  result = run({ "--site", local_site, "--root", launcher.dir, example .. "vm-web.lua" })
  spec.eq(result.status, 2, "--root is refused")
  has(result.stderr, "--root is not allowed by the site policy")
end)

spec.done()
