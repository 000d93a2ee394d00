-- SPDX-License-Identifier: Apache-2.0
-- Specs for acrn.layout.
local spec = require "spec"
local layout = require "acrn.layout"

local it, eq, raises = spec.it, spec.eq, spec.raises

-- An unpinned item of `kind`, made at line `line` of recipe.lua.
local function dev(kind, line, extra)
  local item = { kind = kind, where = string.format("recipe.lua:%d: ", line or 1) }
  for k, v in pairs(extra or {}) do
    item[k] = v
  end
  return item
end

-- The slots of a list of placements.
local function slots(placements)
  local out = {}
  for i, p in ipairs(placements) do
    out[i] = p.slot
  end
  return out
end

-- `n` unpinned virtio-blk items.
local function blks(n, items)
  items = items or {}
  for _ = 1, n do
    items[#items + 1] = dev("virtio-blk", #items + 1)
  end
  return items
end

-- The Kata Containers device list: all unpinned.
local function kata_items()
  local items = { dev("hostbridge", 1), dev("lpc", 2), dev("virtio-console", 3) }
  blks(9, items)
  items[#items + 1] = dev("virtio-console", 13)
  items[#items + 1] = dev("virtio-net", 14)
  return items
end

-- policies --------------------------------------------------------------------

it("the built-in policies are acrn and kata", function()
  eq(layout.policies(), { "acrn", "kata" }, "policies")
end)

-- kata --------------------------------------------------------------------------

it("kata places the Kata device list at 0, 1, 3..14", function()
  local items = kata_items()
  eq(#items, 14, "#items")
  local placed = layout.place("kata", items)
  eq(slots(placed), { 0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 }, "slots")
  for i, p in ipairs(placed) do
    eq(p, { bus = 0, slot = p.slot, func = 0 }, "placement #" .. i)
  end
end)

it("kata gives no special place to hostbridge and lpc", function()
  local placed = layout.place("kata", { dev("virtio-blk"), dev("hostbridge"), dev("lpc") })
  eq(slots(placed), { 0, 1, 3 }, "slots")
end)

it("kata skips slots of pinned devices, wherever they are in the list", function()
  local items = { dev("virtio-blk"), dev("virtio-net"), dev("hostbridge", 3, { slot = 0 }),
    dev("virtio-rnd", 4, { slot = 3, func = 1 }), dev("virtio-blk") }
  eq(layout.place("kata", items), {
    { bus = 0, slot = 1, func = 0 },
    { bus = 0, slot = 4, func = 0 },
    { bus = 0, slot = 0, func = 0 },
    { bus = 0, slot = 3, func = 1 },
    { bus = 0, slot = 5, func = 0 },
  }, "placements")
end)

it("kata leaves a device pinned at slot 2 there", function()
  eq(layout.place("kata", { dev("virtio-blk", 1, { slot = 2 }), dev("virtio-blk") }),
    { { bus = 0, slot = 2, func = 0 }, { bus = 0, slot = 0, func = 0 } }, "placements")
end)

it("kata fills 31 slots, then names the first device left without one", function()
  local items = blks(33)
  eq(#layout.place("kata", blks(31)), 31, "31 devices fit")
  local msg = raises(function() layout.place("kata", items) end)
  eq(msg, 'recipe.lua:32: device #32 (virtio-blk): no free PCI slot left ' ..
    '(layout "kata" uses slots 0-31 except 2 on bus 0)', "message")
end)

it("kata counts slots per bus", function()
  local items = blks(31)
  items[#items + 1] = dev("virtio-net", 32, { bus = 1 })
  local placed = layout.place("kata", items)
  eq(placed[32], { bus = 1, slot = 0, func = 0 }, "bus 1")
  items[#items + 1] = dev("virtio-net", 33)
  raises(function() layout.place("kata", items) end,
    "recipe.lua:33: device #33 (virtio-net): no free PCI slot left", "on bus 0)")
end)

-- acrn --------------------------------------------------------------------------

it("acrn puts hostbridge at 0, lpc at 1 and the rest from 3", function()
  local placed = layout.place("acrn", kata_items())
  eq(slots(placed), { 0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 }, "slots")
end)

it("acrn is the default policy", function()
  eq(layout.place(nil, kata_items()), layout.place("acrn", kata_items()), "placements")
  eq(layout.place(nil, { dev("virtio-blk") }), { { bus = 0, slot = 3, func = 0 } }, "one device")
end)

it("acrn: unpinned devices skip a virtio-blk pinned at slot 5", function()
  local items = { dev("hostbridge"), dev("lpc"), dev("virtio-blk"),
    dev("virtio-blk", 4, { slot = 5 }), dev("virtio-blk"), dev("virtio-blk"),
    dev("virtio-blk") }
  eq(layout.place("acrn", items), {
    { bus = 0, slot = 0, func = 0 },
    { bus = 0, slot = 1, func = 0 },
    { bus = 0, slot = 3, func = 0 },
    { bus = 0, slot = 5, func = 0 },
    { bus = 0, slot = 4, func = 0 },
    { bus = 0, slot = 6, func = 0 },
    { bus = 0, slot = 7, func = 0 },
  }, "placements")
end)

it("acrn places hostbridge and lpc wherever they are in the list", function()
  local placed = layout.place("acrn", { dev("virtio-blk"), dev("lpc"), dev("virtio-net"),
    dev("hostbridge") })
  eq(slots(placed), { 3, 1, 4, 0 }, "slots")
end)

it("acrn leaves slot 2 free even when nothing else is used", function()
  eq(slots(layout.place("acrn", blks(2))), { 3, 4 }, "slots")
end)

it("a slot is taken by a pinned device with any func", function()
  local items = { dev("virtio-blk", 1, { slot = 3, func = 1 }), dev("virtio-blk"),
    dev("virtio-blk", 3, { slot = 4, func = 7 }), dev("virtio-blk") }
  eq(slots(layout.place("acrn", items)), { 3, 5, 4, 6 }, "slots")
end)

it("pinned devices stay as pinned, bus and func default to 0", function()
  local items = { dev("virtio-blk", 1, { slot = 8 }), dev("virtio-net", 2, { bus = 2, slot = 9, func = 3 }) }
  eq(layout.place("acrn", items), {
    { bus = 0, slot = 8, func = 0 },
    { bus = 2, slot = 9, func = 3 },
  }, "placements")
end)

it("pins are not validated (ranges and duplicates are the core's job)", function()
  local items = { dev("virtio-blk", 1, { slot = 40, bus = 300, func = 9 }),
    dev("virtio-blk", 2, { slot = 3 }), dev("virtio-blk", 3, { slot = 3 }),
    dev("hostbridge", 4, { slot = 7 }), dev("virtio-blk", 5, { slot = -1 }) }
  for _, policy in ipairs({ "acrn", "kata" }) do
    eq(layout.place(policy, items), {
      { bus = 300, slot = 40, func = 9 },
      { bus = 0, slot = 3, func = 0 },
      { bus = 0, slot = 3, func = 0 },
      { bus = 0, slot = 7, func = 0 },
      { bus = 0, slot = -1, func = 0 },
    }, policy)
  end
end)

it("an unpinned hostbridge or lpc goes to 0 or 1 even when a pin took it", function()
  local items = { dev("virtio-blk", 1, { slot = 0 }), dev("hostbridge"), dev("lpc"),
    dev("lpc") }
  eq(slots(layout.place("acrn", items)), { 0, 0, 1, 1 }, "slots")
end)

it("unpinned devices keep their bus and func", function()
  local items = { dev("virtio-blk", 1, { bus = 1, func = 2 }), dev("virtio-blk", 2, { bus = 1 }),
    dev("virtio-blk"), dev("lpc", 4, { bus = 3 }) }
  local expected = {
    { bus = 1, slot = 3, func = 2 },
    { bus = 1, slot = 4, func = 0 },
    { bus = 0, slot = 3, func = 0 },
    { bus = 3, slot = 1, func = 0 },
  }
  eq(layout.place("acrn", items), expected, "acrn")
  expected[1].slot, expected[2].slot, expected[3].slot, expected[4].slot = 0, 1, 0, 0
  eq(layout.place("kata", items), expected, "kata")
end)

it("acrn fills slots 3-29, then names the first device left without one", function()
  local fits = blks(27, { dev("hostbridge"), dev("lpc") })
  local placed = layout.place("acrn", fits)
  eq(placed[29], { bus = 0, slot = 29, func = 0 }, "last one")
  local items = blks(29, { dev("hostbridge"), dev("lpc") })
  local msg = raises(function() layout.place("acrn", items) end)
  eq(msg, 'recipe.lua:30: device #30 (virtio-blk): no free PCI slot left ' ..
    '(layout "acrn" uses slots 3-29 on bus 0)', "message")
end)

it("acrn names the bus that is full", function()
  local items = {}
  for i = 1, 28 do
    items[i] = dev("virtio-net", i, { bus = 4 })
  end
  raises(function() layout.place("acrn", items) end,
    "recipe.lua:28: device #28 (virtio-net): no free PCI slot left",
    '(layout "acrn" uses slots 3-29 on bus 4)')
end)

it("an empty where gives a message starting at the device", function()
  local items = blks(28)
  for _, item in ipairs(items) do
    item.where = ""
  end
  local msg = raises(function() layout.place("acrn", items) end)
  eq(msg:sub(1, 26), "device #28 (virtio-blk): n", "start")
  items[28].where = nil
  msg = raises(function() layout.place("acrn", items) end)
  eq(msg:sub(1, 11), "device #28 ", "where nil")
end)

-- common behaviour ------------------------------------------------------------

it("no devices give no placements", function()
  eq(layout.place("acrn", {}), {}, "acrn")
  eq(layout.place("kata", {}), {}, "kata")
end)

it("place does not change the items and returns fresh tables", function()
  local items = { dev("virtio-blk", 1, { bus = 0 }), dev("virtio-blk", 2, { slot = 9 }) }
  local placed = layout.place("acrn", items)
  eq(items, { dev("virtio-blk", 1, { bus = 0 }), dev("virtio-blk", 2, { slot = 9 }) }, "items")
  eq(rawequal(placed[1], items[1]), false, "fresh table")
end)

it("integral floats are accepted as integers", function()
  eq(layout.place("acrn", { dev("virtio-blk", 1, { slot = 5.0, bus = 1.0 }) }),
    { { bus = 1, slot = 5, func = 0 } }, "placements")
  eq(math.type(layout.place("acrn", { dev("virtio-blk", 1, { slot = 5.0 }) })[1].slot),
    "integer", "type")
end)

it("an unknown layout is refused with the known ones", function()
  eq(raises(function() layout.place("qemu", {}) end),
    'unknown layout "qemu" (known: acrn, kata)', "message")
  raises(function() layout.place(3, {}) end, "layout: the layout must be a string, got number")
end)

it("malformed items are refused", function()
  raises(function() layout.place("acrn", nil) end, "layout: the devices must be a list, got nil")
  raises(function() layout.place("acrn", { "virtio-blk" }) end,
    "layout: device #1 must be a table, got string")
  raises(function() layout.place("acrn", { dev("lpc"), { where = "r.lua:2: " } }) end,
    "r.lua:2: device #2: kind must be a string, got nil")
  raises(function() layout.place("acrn", { { kind = "lpc", where = 5 } }) end,
    "layout: device #1: where must be a string, got number")
  raises(function() layout.place("acrn", { dev("virtio-blk", 7, { slot = "3" }) }) end,
    'recipe.lua:7: device #1 (virtio-blk): slot must be an integer, got "3"')
  raises(function() layout.place("kata", { dev("virtio-blk", 7, { bus = 1.5 }) }) end,
    "recipe.lua:7: device #1 (virtio-blk): bus must be an integer, got 1.5")
  raises(function() layout.place("kata", { dev("virtio-blk", 7, { func = true }) }) end,
    "device #1 (virtio-blk): func must be an integer, got true")
end)

-- register ----------------------------------------------------------------------

it("a registered policy is used and listed", function()
  local seen
  layout.register("reverse", function(items)
    seen = items
    local out = {}
    for i, item in ipairs(items) do
      out[i] = { bus = item.bus or 0, slot = item.slot or (31 - i), func = item.func or 0 }
    end
    return out
  end)
  eq(layout.policies(), { "acrn", "kata", "reverse" }, "policies")
  local items = { dev("virtio-blk"), dev("virtio-net", 2, { slot = 4 }) }
  eq(layout.place("reverse", items), {
    { bus = 0, slot = 30, func = 0 },
    { bus = 0, slot = 4, func = 0 },
  }, "placements")
  eq(seen, items, "items as given")
  eq(rawequal(seen[1], items[1]), false, "the policy gets copies")
  eq(raises(function() layout.place("nope", {}) end),
    'unknown layout "nope" (known: acrn, kata, reverse)', "message")
end)

it("a registered policy cannot change the caller's items", function()
  layout.register("meddler", function(items)
    items[1].slot = 17
    return { { bus = 0, slot = 3, func = 0 } }
  end)
  local items = { dev("virtio-blk") }
  eq(layout.place("meddler", items), { { bus = 0, slot = 3, func = 0 } }, "placements")
  eq(items[1].slot, nil, "item untouched")
end)

it("a registered policy's result is checked", function()
  layout.register("short", function() return {} end)
  raises(function() layout.place("short", { dev("lpc") }) end,
    'layout "short" returned 0 placements for 1 devices')
  layout.register("long", function()
    return { { bus = 0, slot = 3, func = 0 }, { bus = 0, slot = 4, func = 0 } }
  end)
  raises(function() layout.place("long", { dev("lpc") }) end,
    'layout "long" returned 2 placements for 1 devices')
  layout.register("nothing", function() end)
  raises(function() layout.place("nothing", {}) end,
    'layout "nothing" returned nil instead of a list of placements')
  layout.register("noslot", function() return { { bus = 0, func = 0 } } end)
  raises(function() layout.place("noslot", { dev("lpc", 9) }) end,
    'recipe.lua:9: device #1 (lpc): layout "noslot": placement has no slot')
  layout.register("textslot", function() return { { bus = 0, slot = "3", func = 0 } } end)
  raises(function() layout.place("textslot", { dev("lpc", 9) }) end,
    'recipe.lua:9: device #1 (lpc): layout "textslot": slot must be an integer, got "3"')
  layout.register("notable", function() return { 3 } end)
  raises(function() layout.place("notable", { dev("lpc", 9) }) end,
    'layout "notable": placement must be a table, got number')
end)

it("a registered policy cannot move a pinned device", function()
  layout.register("mover", function(items)
    local out = {}
    for i in ipairs(items) do
      out[i] = { bus = 0, slot = 10 + i, func = 0 }
    end
    return out
  end)
  eq(layout.place("mover", { dev("virtio-blk") }), { { bus = 0, slot = 11, func = 0 } }, "unpinned")
  raises(function() layout.place("mover", { dev("virtio-blk"), dev("virtio-net", 5, { slot = 6, func = 1 }) }) end,
    'recipe.lua:5: device #2 (virtio-net): layout "mover": moved the device pinned at 0:6.1 to 0:12.0')
end)

it("errors raised by a registered policy pass through", function()
  layout.register("failing", function() error("site: no room", 0) end)
  eq(raises(function() layout.place("failing", {}) end), "site: no room", "message")
end)

it("register refuses bad names, non-functions and duplicates", function()
  raises(function() layout.register("", function() end) end,
    "layout: a layout name must be a non-empty string, got \"\"")
  raises(function() layout.register(nil, function() end) end, "non-empty string, got nil")
  raises(function() layout.register("x", "fn") end, 'layout "x": expected a function, got string')
  raises(function() layout.register("acrn", function() end) end, 'layout "acrn" is already registered')
  raises(function() layout.register("reverse", function() end) end, 'layout "reverse" is already registered')
  local msg = raises(function() layout.register("kata", function() end) end, "already registered")
  eq(msg:find("layout_spec%.lua:%d+: layout") ~= nil, true, "blames the caller: " .. msg)
  eq(layout.place("acrn", { dev("virtio-blk") }), { { bus = 0, slot = 3, func = 0 } }, "acrn intact")
end)

spec.done()
