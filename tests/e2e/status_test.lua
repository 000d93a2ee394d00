-- SPDX-License-Identifier: Apache-2.0
-- Machine-readable output: every JSON text acrn-launch writes (--json of
-- every example, under a site too; list --json; status --json) read by a
-- strict reader that refuses a key named twice in one object; list's and
-- status's fixed key order and schema; status NAME: running or not, pid,
-- uptime, drift, and exit 0 or 3 as systemctl is-active.
local spec = require "spec"
local launcher = require "launcher"
local strict = require "strict_json"

local has = spec.has

spec.it("the strict reader refuses a repeated key, and reads what is valid", function()
  local ok, why = pcall(strict.decode, '{"name":"a","devices":[],"name":"b"}')
  spec.eq(ok, false, "a repeated key is refused")
  has(why, "the key name a second time")
  ok = pcall(strict.decode, '{"a":{"x":1,"x":2}}')
  spec.eq(ok, false, "in a nested object too")
  ok = pcall(strict.decode, '[1,]')
  spec.eq(ok, false, "a trailing comma")
  local value = strict.decode('{"b":[1,2,{"c":null}],"a":"x\\n\\u00e9"}')
  spec.eq(strict.keys(value), { "b", "a" }, "keys in written order")
  spec.eq(value.a, "x\né", "escapes")
  spec.eq(value.b[3].c, strict.null, "null")
end)

-- Every key of every object in `value`, read strictly already: returns the
-- number of objects seen.
local function objects(value)
  if type(value) ~= "table" or value == strict.null then
    return 0
  end
  local count = getmetatable(value) and 1 or 0
  for _, inner in pairs(value) do
    count = count + objects(inner)
  end
  return count
end

spec.it("--json of every example, alone and under the example site, has unique keys", function()
  local dir = io.popen("ls " .. launcher.quote(launcher.source .. "/examples") .. "/*.lua "
    .. launcher.quote(launcher.source .. "/examples/site") .. "/vm-*.lua")
  local count = 0
  for path in dir:lines() do
    local args = { "--json", "--root", launcher.fake_root(), path }
    local options = {}
    if path:find("/site/", 1, true) then
      -- the example site enforces its own acrn-dm, root and site
      args = { "--json", "--site", launcher.source .. "/examples/site/site.lua", path }
      options.dm = false
    end
    local result = launcher.run(args, options)
    spec.eq(result.status, 0, path .. ": " .. result.stderr)
    local ok, plan = pcall(strict.decode, result.stdout)
    spec.truthy(ok, path .. ": " .. tostring(plan))
    spec.truthy(ok and objects(plan) > 3, path .. ": objects read")
    if ok then
      spec.eq(strict.keys(plan)[1], "schema", path .. ": schema first")
      count = count + 1
    end
  end
  dir:close()
  spec.truthy(count >= 8, "examples read: " .. count)
end)

local function recipe(name, memory)
  return launcher.write(name .. ".lua", 'local acrn = require "acrn"\nreturn acrn.vm { name = "'
    .. name .. '", memory = "' .. (memory or "512M") .. '", devices = { acrn.hostbridge {} } }\n')
end

local VM_ORDER = { "name", "state", "pid", "started", "uptime", "recipe", "target", "program",
  "argv", "hash" }

-- Whether `keys` keep the order of `order` (keys absent from one are
-- skipped).
local function in_order(keys, order)
  local position = {}
  for i, key in ipairs(order) do
    position[key] = i
  end
  local last = 0
  for _, key in ipairs(keys) do
    if position[key] then
      if position[key] < last then
        return false
      end
      last = position[key]
    end
  end
  return true
end

spec.it("status: running, pid, uptime, no drift; drift once the recipe changes; exit 0/3",
  function()
    local path = recipe("stat1")
    local base = launcher.background({ path }, { ACRN_DM_SLEEP = "60" })
    launcher.wait_until(function()
      return launcher.run({ "status", "stat1" }).status == 0
    end, 20, "stat1 running")
    local pid = tonumber(launcher.wait_file(base .. ".pid"):match("%d+"))
    local status = launcher.run({ "status", "stat1" })
    spec.eq(status.status, 0, status.stderr)
    has(status.stdout, "stat1: running")
    -- exec: the launcher became acrn-dm, so its pid is acrn-dm's
    has(status.stdout, "pid:     " .. pid)
    has(status.stdout, "drift:   none")
    local json = launcher.run({ "status", "--json", "stat1" })
    spec.eq(json.status, 0, json.stderr)
    local entry = strict.decode(json.stdout)
    spec.eq(strict.keys(entry)[1], "schema", "schema first")
    spec.truthy(in_order(strict.keys(entry), VM_ORDER), table.concat(strict.keys(entry), " "))
    spec.eq(entry.schema, 1, "schema")
    spec.eq({ entry.name, entry.state, entry.pid, entry.drift }, { "stat1", "running", pid, false },
      "status --json")
    spec.truthy(entry.uptime >= 0, "uptime")
    -- the recipe changes under the running VM
    recipe("stat1", "1024M")
    status = launcher.run({ "status", "stat1" })
    spec.eq(status.status, 0, status.stderr)
    has(status.stdout, "drift:   yes: the recipe now renders another plan")
    entry = strict.decode(launcher.run({ "status", "--json", "stat1" }).stdout)
    spec.eq(entry.drift, true, "drift")
    spec.truthy(entry.rendered_hash ~= entry.hash, "another hash")
    -- a recipe that no longer builds: drift unknown, and why
    launcher.write("stat1.lua", "return 42\n")
    entry = strict.decode(launcher.run({ "status", "--json", "stat1" }).stdout)
    spec.eq(entry.drift, strict.null, "cannot tell")
    has(entry.drift_reason, "must return a VM")
    -- list --json: a schema and the VM, keys in order
    local list = launcher.run({ "list", "--json" })
    spec.eq(list.status, 0, list.stderr)
    local listed = strict.decode(list.stdout)
    spec.eq(strict.keys(listed), { "schema", "vms" }, "list's keys")
    spec.eq(listed.schema, 1, "list schema")
    spec.eq(#listed.vms, 1, "one VM")
    spec.truthy(in_order(strict.keys(listed.vms[1]), VM_ORDER), "entry order")
    spec.eq(listed.vms[1].pid, pid, "its pid")
    spec.eq(launcher.run({ "stop", "stat1" }).status, 0, "stopped")
    launcher.wait_file(base .. ".status")
    status = launcher.run({ "status", "stat1" })
    spec.eq(status.status, 3, "not running: 3")
    has(status.stdout, "stat1: not running")
    entry = strict.decode(launcher.run({ "status", "--json", "stat1" }).stdout)
    spec.eq({ entry.schema, entry.name, entry.state }, { 1, "stat1", "not running" }, "json")
    spec.eq(strict.decode(launcher.run({ "list", "--json" }).stdout).vms, {}, "none listed")
    spec.eq(launcher.run({ "status", "--", "../x" }).status, 2, "names are checked")
  end)

spec.it("status of a VM stopped with host steps to give back: 3, and what waits", function()
  local root = launcher.fake_root()
  local path = launcher.write("kept2.lua", 'local acrn = require "acrn"\nreturn acrn.vm { '
    .. 'name = "kept2", devices = { acrn.hostbridge {}, acrn.passthru { bdf = "00:02.0" } } }\n')
  local base = launcher.background({ "--root", root, path }, { ACRN_DM_SLEEP = "60" })
  launcher.wait_until(function()
    return launcher.run({ "status", "kept2" }).status == 0
  end, 20, "kept2 running")
  spec.eq(launcher.run({ "kill", "kept2" }).status, 0, "killed")
  launcher.wait_file(base .. ".status")
  local status = launcher.run({ "status", "kept2" })
  spec.eq(status.status, 3, status.stderr)
  has(status.stdout, "kept2: stopped; its host steps wait for acrn-launch release kept2")
  local entry = strict.decode(launcher.run({ "status", "--json", "kept2" }).stdout)
  spec.eq({ entry.state, entry.pid, entry.ended_by }, { "stopped", nil, "SIGKILL" }, "json")
  spec.eq(entry.host[1].step, "bind-pci-stub", "its step")
  local listed = strict.decode(launcher.run({ "list", "--json" }).stdout)
  spec.eq(listed.vms[1].state, "stopped", "listed as stopped")
  spec.eq(launcher.run({ "release", "kept2" }).status, 0, "released")
end)

spec.it("-n says nothing about preparing the host of a VM the site refuses", function()
  local result = launcher.run({ "-n", "--site", launcher.source .. "/examples/site/site.lua",
    launcher.source .. "/examples/site/refused-passthru.lua" }, { dm = false })
  spec.eq(result.status, 1, result.stderr)
  has(result.stderr, "refused by the site policy")
  spec.truthy(not result.stderr:find("would prepare", 1, true), result.stderr)
  spec.eq(result.stdout, "", "no command line")
end)

spec.done()
