-- SPDX-License-Identifier: Apache-2.0
-- The sandbox's answer (lua/sandbox.c, acrn.sandbox): what the confined
-- child sends back is read strictly; every value survives the trip; no
-- malformed or hostile answer becomes anything but a refusal; and a VM
-- comes back as the same VM, its places and layers as the recipe's.
local spec = require "spec"
local acrn = require "acrn"
local core = require "acrn.core"
local sandbox = require "acrn.sandbox"

local function decode(bytes)
  return core.sandbox_decode(bytes, sandbox.MAKERS)
end

spec.it("every kind of value comes back as it went", function()
  local values = {
    true, false, 0, 1, -1, math.maxinteger, math.mininteger, 0.5, -0.0, 1 / 0, -1 / 0,
    1e308, 5e-324, "", "a b", "\0\n\r\27\255", string.rep("x", 70000),
    { 1, 2, 3 }, { a = { b = { c = "d" } }, [7] = false },
  }
  for i, value in ipairs(values) do
    local back, why = decode(sandbox.encode(value))
    spec.eq(why, nil, "value " .. i)
    spec.eq(back, value, "value " .. i)
    spec.eq(math.type(back), math.type(value), "the number's type, value " .. i)
  end
  local nan = decode(sandbox.encode(0 / 0))
  spec.truthy(nan ~= nan, "NaN stays NaN")
end)

spec.it("devices, kernel parameters and functions come back as what they stand for", function()
  local disk = acrn.virtio_blk { path = "/a.img", ro = true }
  local back = decode(sandbox.encode({ disk, acrn.kparams.new("a b=c"), print }))
  spec.eq(core.kind(back[1]), "virtio-blk", "a device")
  spec.eq(back[1].path, "/a.img", "its fields")
  spec.eq(back[1].ro, true, "its fields")
  spec.truthy(core.origin(back[1]):find("sandbox_spec.lua:%d+: $"), "its place")
  spec.eq(getmetatable(back[1]), "acrn.device", "its metatable is protected")
  spec.truthy(acrn.kparams.is(back[2]), "a kparams list")
  spec.eq(back[2]:render(), "a b=c", "with its parameters")
  spec.eq(type(back[3]), "function", "a function's stand-in")
  spec.raises(back[3], "does not leave the sandbox")
end)

spec.it("what cannot leave the sandbox is refused by the child", function()
  local t = {}
  t[1] = t
  spec.raises(function() sandbox.encode(t) end, "contains itself")
  spec.raises(function() sandbox.encode({ [{}] = 1 }) end, "a key that is a table")
  spec.raises(function() sandbox.encode({ [1.5] = 1 }) end, "a key that is a number")
  spec.raises(function() sandbox.encode(coroutine.create(print)) end, "thread")
  local deep = {}
  for _ = 1, 40 do
    deep = { deep }
  end
  spec.raises(function() sandbox.encode(deep) end, "nested more than")
end)

spec.it("a malformed answer is refused, never guessed at", function()
  local H = "acrn-sandbox 1\n"
  local cases = {
    { "", "header" }, { "acrn-sandbox 2\nT\n", "header" }, { H .. "T", "value" },
    { H .. "T\n\n", "more after" }, { H .. "TT\n", "more after" }, { H, "value missing" },
    { H .. "i01;\n", "malformed number" }, { H .. "i-0;\n", "malformed number" },
    { H .. "i;\n", "malformed number" }, { H .. "i1\n", "terminator" },
    { H .. "i9223372036854775808;\n", "out of range" },
    { H .. "i-9223372036854775809;\n", "out of range" },
    { H .. "n;\n", "float" }, { H .. "n0x1p;\n", "malformed float" },
    { H .. "n0x.p+1;\n", "malformed float" }, { H .. "ninfinity;\n", "malformed float" },
    { H .. "n1x;\n", "malformed float" },
    { H .. "n1e5;\n", "malformed float" }, { H .. "n(1);\n", "malformed float" },
    { H .. "s5:abc\n", "longer than" }, { H .. "s-1:\n", "malformed number" },
    { H .. "s01:a\n", "malformed number" }, { H .. "s99999999999999999999:\n", "out of range" },
    { H .. "{", "without its end" }, { H .. "{T}\n", "neither an integer nor a string" },
    { H .. "{n1;T}\n", "neither" }, { H .. "{s1:aTs1:aF}\n", "a key given twice" },
    { H .. "{i1;T}}\n", "more after" }, { H .. "@nope:T\n", "unknown maker" },
    { H .. "@Device:T\n", "maker's name" }, { H .. "@device", "without ':'" },
    { H .. "X\n", "not a value" }, { H .. string.rep("{i1;", 60) .. "\n", "nested too deep" },
  }
  for _, case in ipairs(cases) do
    local value, why = decode(case[1])
    spec.eq(value, nil, spec.serialize(case[1]))
    spec.truthy(why and why:find(case[2], 1, true), string.format("%s: %s lacks %q",
      spec.serialize(case[1]), tostring(why), case[2]))
  end
  -- makers refuse what is not theirs
  spec.raises(function() decode(H .. "@device:T\n") end, "a device is")
  spec.raises(function() decode(H .. "@device:{s4:kinds4:nopes5:wheres0:s6:fields{}}\n") end,
    "no device kind nope")
  spec.raises(function() decode(H .. "@kparams:i1;\n") end, "a string")
  spec.raises(function() decode(H .. "@function:F\n") end, "@function:T")
end)

local function answer(fields)
  local vm = acrn.vm(fields)
  return sandbox.encode(acrn.internal.describe(vm))
end

spec.it("a VM comes back with its fields, places, layers and warnings", function()
  local vm = acrn.vm { name = "vm1", memory = "1G", bootargs = "quiet", raw = { "--x" },
    devices = { acrn.hostbridge {}, acrn.virtio_blk { path = "/a.img" } } }
  vm:warn("careful")
  local back = sandbox.receive(decode(sandbox.encode(acrn.internal.describe(vm))))
  spec.truthy(acrn.is_vm(back), "a VM")
  spec.eq(back:argv(), vm:argv(), "the same argv")
  spec.eq(back:origin("memory"), vm:origin("memory"), "the same places")
  spec.eq(back:plan().warnings, vm:plan().warnings, "the same warnings")
  spec.truthy(not rawequal(back.devices[1], vm.devices[1]), "fresh devices")
end)

spec.it("an answer that claims more than a recipe may is refused", function()
  local function refused(description, words)
    spec.raises(function() sandbox.receive(decode(sandbox.encode(description))) end,
      "malformed", words)
  end
  local good = decode(answer { name = "vm1", devices = {} })
  local function with(change)
    local copy = decode(sandbox.encode(good))
    change(copy)
    return copy
  end
  refused(with(function(d) d.origins.name.layer = "defaults" end), "not a layer")
  refused(with(function(d) d.origins.name.layer = "adjust" end), "not a layer")
  refused(with(function(d) d.origins.name.where = "x.lua:1: \27[2J" end), "not a place")
  refused(with(function(d) d.where = "no place" end), "not a place")
  refused(with(function(d) d.fields.sneaky = 1 end), "not a VM field")
  refused(with(function(d) d.extra = 1 end), "unknown key")
  refused(with(function(d) d.warnings = { 1 } end), "not text")
  refused(with(function(d) d.layers = { [2] = "recipe" } end), "not a list")
  refused(with(function(d) d.origins.name = nil end), "no origin")
  refused({ error = 1 }, "an error is")
  spec.raises(function() sandbox.receive({ error = "recipe.lua:3: boom" }) end,
    "recipe.lua:3: boom")
end)

spec.it("a place the answer names is never a file that blocks the launcher", function()
  local pipe = io.popen("mktemp -d")
  local dir = pipe:read("l")
  pipe:close()
  local fifo = dir .. "/place.fifo"
  assert(os.execute("mkfifo " .. fifo))
  local description = decode(answer { name = "vm1", memory = "lots", devices = {} })
  local place = fifo .. ":1: "
  description.where = place
  for _, origin in pairs(description.origins) do
    origin.where = place
  end
  local vm = sandbox.receive(decode(sandbox.encode(description)))
  spec.raises(function() vm:plan() end, place .. "memory")
  os.execute("rm -rf " .. dir)
end)

spec.done()
