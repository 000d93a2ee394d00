-- SPDX-License-Identifier: Apache-2.0
-- Every check of the core and the module, through the real acrn-launch:
-- each bad recipe exits 1, names the recipe line and the words of the
-- problem, and the stand-in acrn-dm never runs.
local spec = require "spec"
local launcher = require "launcher"

-- A recipe around `devices` (Lua source of the list's items, one per line
-- from line 6) and `fields` (more acrn.vm fields).
local function recipe(devices, fields)
  return table.concat({
    'local acrn = require "acrn"',
    "return acrn.vm {",
    '  name = "vm1",',
    "  " .. (fields or ""),
    "  devices = {",
    "    acrn.hostbridge {},",
    "    " .. (devices or ""),
    "  },",
    "}",
    "",
  }, "\n")
end

-- Each case: a name, the recipe text, the words the message must contain,
-- and extra launcher arguments.  "@" in words stands for "FILE:LINE:".
local DEVICE_LINE = 7
local FIELDS_LINE = 4
local cases = {
  { "slot out of range", recipe("acrn.virtio_rnd { slot = 32 },"),
    { "@7", "virtio_rnd", "slot 32", "0-31" } },
  { "func out of range", recipe("acrn.virtio_rnd { slot = 3, func = 8 },"),
    { "@7", "func 8", "0-7" } },
  { "bus out of range", recipe("acrn.virtio_rnd { bus = 256, slot = 3 },"),
    { "@7", "bus 256", "0-255" } },
  { "slot taken twice",
    recipe("acrn.virtio_rnd { slot = 3 }, acrn.virtio_rnd { slot = 3 },"),
    { "@7", "device #3 (virtio-rnd)", "0:3:0", "already taken by device #2" } },
  { "two host bridges", recipe("acrn.hostbridge { slot = 4 },"),
    { "@7", "device #2 (hostbridge)" } },
  { "host bridge off 0:0", 'local acrn = require "acrn"\nreturn acrn.vm { name = "v",\n'
    .. "devices = { acrn.hostbridge { slot = 5 } } }\n",
    { "@3", "host bridge must be at 0:0:0", "0:5:0" } },
  { "no host bridge", 'local acrn = require "acrn"\nreturn acrn.vm { name = "v",\n'
    .. "devices = { acrn.virtio_rnd {} } }\n",
    { "@2", "no host bridge" } },
  { "two lpc", recipe("acrn.lpc {}, acrn.lpc {},"),
    { "@7", "device #3 (lpc)", "at most one LPC" } },
  { "lpc off bus 0", recipe("acrn.lpc { bus = 1 },"),
    { "@7", "LPC bridge must be on bus 0" } },
  { "comma in a disk path", recipe('acrn.virtio_blk { path = "/a,b.img" },'),
    { "@7", "device #2 (virtio-blk)", 'path "/a,b.img"', "','" } },
  { "comma in a console path", recipe(
    'acrn.virtio_console { ports = { { backend = "file", path = "/x,y" } } },'),
    { "@7", "ports[1]: path", "','" } },
  { "comma in a UART backend", recipe('acrn.lpc { com1 = "/dev/ttyS1,x" },'),
    { "@7", "com1", "','" } },
  { "colon in a socket path", recipe(
    'acrn.virtio_console { ports = { { backend = "socket", name = "s", path = "/run/a:b" } } },'),
    { "@7", "socket path", "':'" } },
  { "NUL in a path", recipe('acrn.virtio_blk { path = "/a\\0b" },'),
    { "@7", "NUL" } },
  { "newline in the name", recipe("", 'name = "a\\nb",'), { "@2", "name", "line break" } },
  { "newline in bootargs", recipe("", 'bootargs = "a\\nb",'), { "newline" } },
  { "empty name", recipe("", 'name = "",'), { "@2", "name", "empty" } },
  { "bad name characters", recipe("", 'name = "vm 1",'), { "@2", "name", "A-Z a-z 0-9" } },
  { "name that reads as an option", recipe("", 'name = "-v",'), { "@2", "starts with '-'" } },
  { "mac_seed too long for 2.7", recipe("", 'target = "2.7", mac_seed = string.rep("s", 50),'),
    { "@4", "mac_seed", "50 bytes", "at most 49" } },
  { "name too long for 3.3", recipe("", 'name = "abcdefghijklmnop",'),
    { "@2", "16 bytes", "ACRN 3.3 takes at most 15" } },
  { "no name", 'local acrn = require "acrn"\nreturn acrn.vm { devices = {} }\n',
    { "@2", "name is required" } },
  { "memory without unit", recipe("", 'memory = "2048",'), { "@4", "memory", "no unit" } },
  { "memory in bytes", recipe("", 'memory = "2048b",'), { "@4", "memory", "one unit" } },
  { "memory with leading zero", recipe("", 'memory = "0100M",'), { "@4", "octal" } },
  { "memory too small", recipe("", 'memory = "100M",'), { "@4", "100 MiB", "128 MiB" } },
  { "memory as too few MiB", recipe("", "memory = 64,"), { "@4", "64 MiB", "128 MiB" } },
  { "memory with a fraction", recipe("", "memory = 2048.5,"),
    { "@2", "memory must be a whole number" } },
  { "bootargs too long", recipe("", 'bootargs = string.rep("a", 2048),'),
    { "@4", "2048 bytes", "2047" } },
  { "path too long", recipe('acrn.virtio_blk { path = "/" .. string.rep("a", 1023) },'),
    { "@7", "shorter than 1024" } },
  { "malformed MAC", recipe('acrn.virtio_net { tap = "tap0", mac = "00:16:3e:00:00" },'),
    { "@7", "mac", "not a MAC address" } },
  { "multicast MAC", recipe('acrn.virtio_net { tap = "tap0", mac = "01:00:5e:00:00:01" },'),
    { "@7", "multicast" } },
  { "zero MAC", recipe('acrn.virtio_net { tap = "tap0", mac = "00:00:00:00:00:00" },'),
    { "@7", "all zero" } },
  { "tap name too long", recipe('acrn.virtio_net { tap = "tap0123456789abc" },'),
    { "@7", "15 bytes" } },
  { "tap prefix on 2.6", recipe('acrn.virtio_net { tap = "eth0" },', 'target = "2.6",'),
    { "@7", 'contain "tap" or start with "vmnet"', "2.6" } },
  { "virtio-net without tap", recipe("acrn.virtio_net {},"), { "@7", "tap is required" } },
  { "disk path containing nodisk", recipe('acrn.virtio_blk { path = "/v/nodisk.img" },'),
    { "@7", "nodisk", "placeholder" } },
  { "disk without path", recipe("acrn.virtio_blk {},"), { "@7", "needs a path" } },
  { "disk with path and nodisk", recipe('acrn.virtio_blk { path = "/a", nodisk = true },'),
    { "@7", "not both" } },
  { "uuid on 3.3", recipe("", 'uuid = "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f",'),
    { "@4", "uuid", "removed in ACRN 2.7", "target 3.3" } },
  { "bad uuid on 2.6", recipe("", 'target = "2.6", uuid = "not-a-uuid",'),
    { "@4", "uuid", "not a UUID" } },
  { "two stdio users", recipe(
    'acrn.lpc { com1 = "stdio" }, acrn.virtio_console { ports = { { backend = "stdio" } } },'),
    { "@7", "device #3 (virtio-console)", "stdio", "device #2 (lpc)" } },
  { "seventeen console ports", recipe(
    "acrn.virtio_console { ports = (function() local p = {} for i = 1, 17 do "
    .. 'p[i] = { backend = "pty", name = "p" .. i } end return p end)() },'),
    { "@7", "ports has 17 items", "at most 16" } },
  { "two console ports marked console", recipe(
    'acrn.virtio_console { ports = { { backend = "pty", console = true }, '
    .. '{ backend = "pty", name = "b", console = true } } },'),
    { "@7", "marked console" } },
  { "unknown console backend", recipe(
    'acrn.virtio_console { ports = { { backend = "serial" } } },'),
    { "@7", 'backend "serial"' } },
  { "pty with a path", recipe(
    'acrn.virtio_console { ports = { { backend = "pty", path = "/dev/x" } } },'),
    { "@7", "takes no path" } },
  { "unknown device field", recipe('acrn.virtio_blk { pth = "/a" },'),
    { "@7", "virtio_blk", 'unknown field "pth"', "known:", " path, nodisk," } },
  { "wrong field type", recipe('acrn.virtio_blk { path = "/a", ro = "yes" },'),
    { "@7", "ro must be a boolean, not string" } },
  { "fractional slot", recipe("acrn.virtio_rnd { slot = 3.5 },"),
    { "@7", "slot must be an integer" } },
  { "unknown VM field", recipe("", 'memroy = "1G",'), { "@2", 'unknown field "memroy"' } },
  { "unknown target", recipe("", 'target = "9.9",'), { "@2", 'unknown target "9.9"', "3.3" } },
  { "duplicate drive index", recipe(
    "acrn.virtio_blk { nodisk = true, drive = 1 }, acrn.virtio_blk { nodisk = true, drive = 1 },"),
    { "@7", "drive 1 is already used by device #2" } },
  { "not a device", recipe('{ kind = "virtio-blk" },'), { "@2", "device #2", "not a device" } },
  { "out of slots", 'local acrn = require "acrn"\nlocal vm = acrn.vm { name = "v" }\n'
    .. "vm:add(acrn.hostbridge {})\nfor _ = 1, 28 do\n  vm:add(acrn.virtio_rnd {})\nend\n"
    .. "return vm\n",
    { "@5", "device #29 (virtio-rnd)", "no free PCI slot" } },
  { "recipe returns nothing", "local acrn = require 'acrn'\n", { "must return a VM", "nil" } },
  { "syntax error", "return acrn.vm {\n", { "@2" } },
  { "runtime error", "local x = nil\nreturn x.y\n", { "@2", "nil value" } },
}

for _, case in ipairs(cases) do
  local name, text, words, extra = case[1], case[2], case[3], case[4]
  spec.it(name, function()
    local path = launcher.write("recipe.lua", text)
    local args = { table.unpack(extra or {}) }
    args[#args + 1] = path
    local result = launcher.run(args)
    spec.eq(result.status, 1, "exit status (stderr: " .. result.stderr .. ")")
    spec.eq(result.argv, nil, "the stand-in acrn-dm must not run")
    spec.eq(result.stdout, "", "stdout")
    spec.truthy(result.stderr:find("acrn-launch: ", 1, true) == 1,
      "message starts with acrn-launch: " .. result.stderr)
    for _, word in ipairs(words) do
      if word:sub(1, 1) == "@" then
        word = path .. ":" .. word:sub(2) .. ":"
      end
      spec.truthy(result.stderr:find(word, 1, true), string.format(
        "message %q lacks %q", result.stderr, word))
    end
  end)
end

-- a VM field's error names the line of the field (FIELDS_LINE), not of acrn.vm
assert(DEVICE_LINE == 7 and FIELDS_LINE == 4)
spec.done()
