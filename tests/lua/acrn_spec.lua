-- SPDX-License-Identifier: Apache-2.0
-- The Lua API of require "acrn": constructors, acrn.vm and its methods,
-- the plan's fields, errors at the caller's line.
local spec = require "spec"
local acrn = require "acrn"

local THIS = debug.getinfo(1, "S").short_src

-- The line number of the line that calls this.
local function line()
  return debug.getinfo(2, "l").currentline
end

local function small_vm(fields)
  local vm = acrn.vm { name = "vm1", devices = { acrn.hostbridge {} } }
  for key, value in pairs(fields or {}) do
    vm[key] = value
  end
  return vm
end

spec.it("constructors exist for every catalogue emulation and nothing is global", function()
  for _, emulation in ipairs(acrn.catalog.emulations) do
    spec.eq(type(acrn[emulation.constructor]), "function", emulation.constructor)
  end
  spec.eq(rawget(_G, "acrn"), nil, "no global acrn")
end)

spec.it("a device is a plain table of its fields, tagged, showing its -s value", function()
  local disk = acrn.virtio_blk { path = "/img", ro = true, slot = 5 }
  spec.eq(type(disk), "table", "type")
  spec.eq(disk.path, "/img", "field kept")
  spec.eq(tostring(disk), "5,virtio-blk,/img,ro", "tostring")
  spec.eq(tostring(acrn.virtio_net { tap = "tap0" }), "?,virtio-net,tap=tap0", "unplaced")
  local broken = acrn.virtio_blk { path = "/a,b" }
  spec.truthy(tostring(broken):find("contains ','", 1, true), tostring(broken))
end)

spec.it("constructors copy their input and reject unknown fields at the caller's line", function()
  local fields = { path = "/img" }
  local disk = acrn.virtio_blk(fields)
  fields.path = "/other"
  spec.eq(disk.path, "/img", "a copy")
  local at = line() + 1
  local message = spec.raises(function() acrn.virtio_blk { pth = "/x" } end,
    'unknown field "pth"')
  spec.truthy(message:find(THIS .. ":" .. at .. ":", 1, true), message)
  spec.raises(function() acrn.virtio_net { tap = 5 } end, "tap must be a string, not number")
  spec.raises(function() acrn.virtio_blk { drive = 1.5 } end, "drive must be an integer")
  spec.raises(function() acrn.virtio_rnd "x" end, "takes a table of fields, not string")
  spec.raises(function() acrn.virtio_console { ports = { { backend = "pty", colour = 1 } } } end,
    'unknown field "colour"')
  spec.raises(function() acrn.virtio_rnd { [1] = true } end, "field names are strings")
end)

spec.it("acrn.vm rejects unknown fields and non-devices", function()
  spec.raises(function() acrn.vm { name = "v", memroy = 1 } end, 'unknown field "memroy"')
  spec.raises(function() acrn.vm { name = "v", devices = { {} } } end,
    "device #1 is a table, not a device")
  spec.raises(function() acrn.vm "v" end, "takes a table of fields")
  local vm = small_vm()
  spec.raises(function() vm:add({ kind = "virtio-rnd" }) end, "vm:add takes a device")
  spec.raises(function() vm.colour = "red" end, 'unknown VM field "colour"')
  rawset(vm, "memory", "1G")
  spec.raises(function() vm:plan() end, "changed with rawset")
end)

spec.it("the plan has every documented field, fresh each time", function()
  local vm = acrn.vm {
    name = "vm1", target = "2.6", memory = 512, kernel = "/k",
    bootargs = "console=ttyS0 quiet",
    devices = {
      acrn.hostbridge {}, acrn.virtio_blk { nodisk = true, drive = 3 },
      acrn.virtio_blk { path = "/img", drive = 0, slot = 7 },
    },
  }
  local plan = vm:plan()
  spec.eq(plan.target, "2.6", "target")
  spec.eq(plan.name, "vm1", "name")
  spec.eq(plan.program, "/usr/bin/acrn-dm", "program")
  spec.eq(plan.bootargs, "console=ttyS0 quiet", "bootargs")
  spec.eq(plan.argv, { "-m", "512M", "-s", "0:0,hostbridge", "-s", "3,virtio-blk,nodisk",
    "-s", "7,virtio-blk,/img", "-k", "/k", "-B", "console=ttyS0 quiet", "vm1" }, "argv")
  local here = THIS .. ":73"
  spec.eq(plan.devices, {
    { index = 1, bus = 0, slot = 0, func = 0, kind = "hostbridge", arg = "0:0,hostbridge",
      origin = here, fields = {} },
    { index = 2, bus = 0, slot = 3, func = 0, kind = "virtio-blk", arg = "3,virtio-blk,nodisk",
      origin = here, fields = { nodisk = true, drive = 3 } },
    { index = 3, bus = 0, slot = 7, func = 0, kind = "virtio-blk", arg = "7,virtio-blk,/img",
      origin = THIS .. ":74", fields = { path = "/img", drive = 0, slot = 7 } },
  }, "devices")
  spec.eq(plan.drives, { [0] = 7, [3] = 3 }, "drives")
  spec.eq(plan.memory_mib, 512, "memory in MiB")
  spec.eq(plan.fields.kernel, "/k", "fields")
  spec.eq(plan.origins.memory, THIS .. ":69", "origin of a field")
  spec.eq(plan.warnings, {}, "warnings")
  plan.argv[1] = "changed"
  spec.eq(vm:plan().argv[1], "-m", "fresh")
  spec.eq(vm:argv(), vm:plan().argv, "argv()")
end)

spec.it("command() quotes for a shell; check() returns true or nil, message", function()
  local vm = small_vm { bootargs = { "a=b c", "it's" }, dm = "/opt/acrn dm" }
  spec.eq(vm:command(), "'/opt/acrn dm' -s 0:0,hostbridge -B 'a=\"b c\" it'\\''s' vm1", "command")
  spec.eq(vm:check(), true, "check ok")
  vm.memory = "12"
  local ok, message = vm:check()
  spec.eq(ok, nil, "check fails")
  spec.truthy(message:find('memory "12" has no unit', 1, true), message)
end)

spec.it("vm-wide errors name the acrn.vm line; device errors the constructor's", function()
  local at = line() + 1
  local vm = acrn.vm { name = "bad name", devices = { acrn.hostbridge {} } }
  local _, message = vm:check()
  spec.truthy(message:find(THIS .. ":" .. at .. ": name", 1, true), message)
  at = line() + 1
  local disk = acrn.virtio_blk { path = "/x,y" }
  vm = small_vm():add(disk)
  _, message = vm:check()
  spec.truthy(message:find(THIS .. ":" .. at .. ": device #2 (virtio-blk)", 1, true), message)
end)

spec.it("bootargs: a string, a list, or a kparams list the VM keeps", function()
  local vm = small_vm()
  vm.bootargs = "root=/dev/vda1 rw"
  spec.eq(vm:plan().bootargs, "root=/dev/vda1 rw", "string")
  vm = acrn.vm { name = "v", bootargs = { "console=tty0", "console=ttyS0" },
    devices = { acrn.hostbridge {} } }
  vm.bootargs:remove("console")
  vm.bootargs:add("quiet")
  spec.eq(vm:plan().bootargs, "quiet", "editable list")
  vm.bootargs = {}
  spec.eq(vm:plan().bootargs, nil, "empty list: no -B")
  spec.truthy(not table.concat(vm:argv(), " "):find("-B", 1, true), "no -B")
end)

spec.it("layouts: acrn by default, kata on request, pinned devices stay", function()
  local devices = { acrn.hostbridge {}, acrn.virtio_rnd {}, acrn.lpc {},
    acrn.virtio_rnd { slot = 4 }, acrn.virtio_rnd {} }
  local vm = acrn.vm { name = "v", devices = devices }
  local slots = {}
  for _, placed in ipairs(vm:plan().devices) do
    slots[placed.index] = placed.slot
  end
  spec.eq(slots, { 0, 3, 1, 4, 5 }, "acrn")
  vm.layout = "kata"
  for _, placed in ipairs(vm:plan().devices) do
    slots[placed.index] = placed.slot
  end
  spec.eq(slots, { 0, 1, 3, 4, 5 }, "kata")
  vm.layout = "tetris"
  spec.raises(function() vm:plan() end, 'unknown layout "tetris"')
end)

spec.it("defaults: the session's target and dm, read-only", function()
  local vm = small_vm()
  spec.eq(vm:plan().target, "3.3", "default target")
  spec.eq(acrn.defaults.target, "3.3", "acrn.defaults reads the session")
  acrn.session.begin(acrn.session.new { target = "2.6", dm = "/opt/acrn-dm" })
  spec.eq(vm:plan().target, "2.6", "the session's target")
  spec.eq(vm:plan().program, "/opt/acrn-dm", "the session's dm")
  spec.eq(acrn.defaults.target, "2.6", "acrn.defaults follows")
  spec.raises(function() acrn.defaults.target = "3.0" end, "acrn.defaults is read-only")
  spec.raises(function() acrn.session.current().target = "3.0" end, "the session is read-only")
  acrn.session.begin(acrn.session.new {})
  vm.target = "2.6"
  spec.eq(vm:plan().target, "2.6", "the VM's own")
end)

spec.it("tostring of a VM shows its slot table and warnings", function()
  local vm = small_vm { acpi = true }
  vm:add(acrn.virtio_rnd {})
  spec.eq(tostring(vm), table.concat({
    "acrn.vm vm1, target 3.3",
    "  -s 0:0,hostbridge",
    "  -s 3,virtio-rnd",
    "  warning: acpi is ignored by acrn-dm from ACRN 3.0 on (target 3.3)",
  }, "\n"), "tostring")
  vm.memory = "1"
  spec.truthy(tostring(vm):find("invalid", 1, true), tostring(vm))
end)

spec.it("acrn.uuid gives fresh valid UUIDs", function()
  local a, b = acrn.uuid(), acrn.uuid()
  spec.truthy(a:match("^%x+%-%x+%-%x+%-%x+%-%x+$") and #a == 36, a)
  spec.truthy(a ~= b, "two differ")
  local vm = small_vm { target = "2.6", uuid = a }
  spec.eq(vm:argv()[1], "-U", "renders")
  spec.eq(vm:argv()[2], a, "as given")
end)

spec.it("supports() answers from the catalogue", function()
  spec.eq(acrn.supports("2.6", "uuid"), true, "uuid on 2.6")
  local ok, why = acrn.supports("3.3", "uuid")
  spec.eq(ok, false, "uuid on 3.3")
  spec.truthy(why:find("removed in ACRN 2.7", 1, true), why)
  spec.raises(function() acrn.supports("3.3", "teleport") end, 'no device or option')
  spec.raises(function() acrn.supports("9", "uuid") end, 'unknown target "9"')
end)

spec.it("launch() returns nil, message, errno when acrn-dm cannot run", function()
  local vm = small_vm { dm = "/nonexistent/acrn-dm" }
  local ok, message, errno = vm:launch()
  spec.eq(ok, nil, "no success")
  spec.eq(message, "cannot execute /nonexistent/acrn-dm: No such file or directory", "message")
  spec.eq(errno, 2, "ENOENT")
end)

spec.it("check_host() reports a missing kernel without raising", function()
  local vm = small_vm { kernel = "/nonexistent/kernel", dm = "/bin/sh" }
  local ok, message, errno = vm:check_host()
  spec.eq(ok, nil, "fails")
  spec.truthy(message:find('kernel "/nonexistent/kernel" cannot be read', 1, true), message)
  spec.eq(errno, 2, "ENOENT")
end)

spec.done()
