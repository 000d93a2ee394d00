-- SPDX-License-Identifier: Apache-2.0
-- acrn.host_text: text read on the host at launch (acrn.host_file), its
-- :sub and `..`, the source a recipe writes for it, and what it reads.
local spec = require "spec"
local acrn = require "acrn"
local host_text = require "acrn.host_text"

local it, eq, raises, truthy = spec.it, spec.eq, spec.raises, spec.truthy

local MAC = "/sys/class/net/e*/address"

-- A reader that knows `files` (pattern -> first line) and counts reads.
local function reader(files)
  local reads = {}
  return function(pattern)
    reads[pattern] = (reads[pattern] or 0) + 1
    if files[pattern] then
      return files[pattern]
    end
    return nil, "no file matches " .. pattern
  end, reads
end

it("a host file stands for its first line, read only when resolved", function()
  local mac = acrn.host_file(MAC)
  truthy(host_text.is(mac), "host text")
  eq(getmetatable(mac), "acrn.host_text", "its metatable is hidden")
  local read, reads = reader({ [MAC] = "00:1b:21:aa:bb:cc" })
  eq(reads[MAC], nil, "nothing read when made")
  eq(host_text.resolve(mac, read), "00:1b:21:aa:bb:cc")
  eq(reads[MAC], 1, "read once")
end)

it(":sub and .. as a launch script's ${mac:9:8}-vm1", function()
  local mac = acrn.host_file(MAC)
  local seed = mac:sub(10, 17) .. "-vm1"
  local read = reader({ [MAC] = "00:1b:21:aa:bb:cc" })
  eq(host_text.resolve(seed, read), "aa:bb:cc-vm1")
  eq(host_text.resolve("vm-" .. mac:sub(16), read), "vm-cc")
  -- :sub of :sub counts within what is left, and never past it
  eq(host_text.resolve(mac:sub(4, 11):sub(2, 4), read), "b:2")
  eq(host_text.resolve(mac:sub(4, 5):sub(1, 9), read), "1b")
  eq(host_text.resolve(mac .. 7 .. mac:sub(1, 2), read), "00:1b:21:aa:bb:cc700")
end)

it("the source a recipe writes makes the same text", function()
  local text = "x" .. acrn.host_file(MAC):sub(10, 17) .. "-vm1"
  local source = host_text.source(text)
  eq(source, '"x" .. acrn.host_file("/sys/class/net/e*/address"):sub(10, 17) .. "-vm1"')
  eq(tostring(text), source, "tostring")
  local again = load("local acrn = require 'acrn'; return " .. source)()
  local read = reader({ [MAC] = "00:1b:21:aa:bb:cc" })
  eq(host_text.resolve(again, read), host_text.resolve(text, read))
end)

it("only sysfs paths are host facts", function()
  for pattern, word in pairs({
    ["/etc/shadow"] = "not under /sys", ["/proc/self/environ"] = "not under /sys",
    ["/sys/../etc/shadow"] = ". or .. component", ["/sys/class/./x"] = ". or .. component",
    ["/sys/class/net/eth0\n/address"] = "control character",
    [("/sys/" .. string.rep("a", 300))] = "longer than 255",
  }) do
    raises(function() acrn.host_file(pattern) end, "host_file: ", word)
  end
  raises(function() acrn.host_file(42) end, "a path pattern (a string), not a number")
end)

it(":sub and .. refuse what they cannot stand for", function()
  local mac = acrn.host_file(MAC)
  raises(function() return mac:sub(0, 3) end, "positions i >= 1 and j >= i")
  raises(function() return mac:sub(5, 2) end, "positions i >= 1 and j >= i")
  raises(function() return (mac .. "x"):sub(1, 2) end, "one file's text, before any ..")
  raises(function() return mac .. {} end, "cannot join a table")
end)

it("plain data comes back as host text only when it is valid", function()
  local text = acrn.host_file(MAC):sub(10) .. "-vm1"
  local back = assert(host_text.from_parts(host_text.parts(text)))
  eq(host_text.source(back), host_text.source(text))
  eq(select(2, host_text.from_parts({})), "host text is a list of parts")
  eq(select(2, host_text.from_parts({ { pattern = "/etc/passwd", from = 1 } })),
    '"/etc/passwd" is not under /sys: only sysfs files are host facts')
  eq(select(2, host_text.from_parts({ { pattern = MAC, from = 0 } })),
    "a host file part has from >= 1 and to >= from")
  eq(select(2, host_text.from_parts({ 7 })), "a host text part is a string or a file")
  -- a table dressed up as host text is not host text
  truthy(not host_text.is(setmetatable({ parts = { "x" } }, {})), "a look-alike")
end)

it("a VM field or device field holds it; the build needs it resolved", function()
  local mac = acrn.host_file(MAC)
  local nic = acrn.virtio_net { tap = "tap0", mac_seed = mac .. "-x" }
  -- a device shown before launch says what it waits for
  truthy(tostring(nic):find("mac_seed is read on the host at launch", 1, true), tostring(nic))
  -- a host file where no text goes is refused by the constructor
  raises(function() acrn.virtio_net { tap = "tap0", vhost = mac } end,
    "vhost must be a boolean")
  local vm = acrn.vm { name = "h", target = "3.3", mac_seed = mac:sub(10, 17) .. "-vm1",
    devices = { acrn.hostbridge {}, nic } }
  truthy(host_text.is(vm.mac_seed), "kept as host text in the VM")
  -- the description keeps it; the recipe writes its source
  local text = vm:recipe()
  truthy(text:find('mac_seed = acrn.host_file("/sys/class/net/e*/address"):sub(10, 17) .. '
    .. '"-vm1"', 1, true), text)
  truthy(text:find('mac_seed = acrn.host_file("/sys/class/net/e*/address") .. "-x"', 1, true),
    text)
end)

spec.done()
