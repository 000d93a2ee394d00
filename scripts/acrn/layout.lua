-- SPDX-License-Identifier: Apache-2.0
-- PCI slot policies: where the devices of a VM go when the recipe does not
-- say.  A policy takes the devices in recipe order (and the slots raw -s
-- arguments take) and returns one placement { bus, slot, func } per
-- device; it never adds a device, never moves one that is pinned (given a
-- slot), and never puts one where a raw -s is.  Ranges and duplicates are
-- left to the C core, which reports them.
local util = require "acrn.util"

local show = util.show

local M = {}

local policies = {}
-- The built-in policies: trusted code that changes nothing it is given,
-- so it is given the checked items themselves, not copies.
local built_in = {}

-- The start of every message about item `index`: "where device #N (kind): ".
local function label(item, index)
  return string.format("%sdevice #%d (%s): ", item.where, index, item.kind)
end

-- The sorted names of the known policies.
local function names()
  return util.sorted_keys(policies)
end

-- Records that `bus`:`slot` is taken (by any function).
local function take(used, bus, slot)
  used[bus] = used[bus] or {}
  used[bus][slot] = true
end

-- The slots that pinned devices and raw -s arguments take, by bus.
local function pinned_slots(items, taken)
  local used = {}
  for _, item in ipairs(items) do
    if item.slot ~= nil then
      take(used, item.bus or 0, item.slot)
    end
  end
  for _, slot in ipairs(taken or {}) do
    take(used, slot.bus, slot.slot)
  end
  return used
end

-- The lowest slot from `first` to `last` on `bus` that is neither taken nor
-- `skip`, or nil.  The slots below the last one it found for `bus`
-- (`cursor[bus]`) are all taken by then, so it starts there: a VM of many
-- devices is placed in linear time.
local function free_slot(used, bus, first, last, skip, cursor)
  local taken = used[bus]
  for slot = cursor[bus] or first, last do
    if slot ~= skip and not (taken and taken[slot]) then
      cursor[bus] = slot + 1
      return slot
    end
  end
  return nil
end

-- Places every device with `choose(item, used, bus, cursor)` unless
-- pinned; `range` says in the message which slots the policy uses.
local function place_with(name, items, taken, range, choose)
  local used, cursor = pinned_slots(items, taken), {}
  local out = {}
  for i, item in ipairs(items) do
    local bus, slot = item.bus or 0, item.slot
    if slot == nil then
      slot = choose(item, used, bus, cursor)
      if slot == nil then
        error(label(item, i) .. string.format(
          "no free PCI slot left (layout %q uses slots %s on bus %d)",
          name, range, bus), 0)
      end
      take(used, bus, slot)
    end
    out[i] = { bus = bus, slot = slot, func = item.func or 0 }
  end
  return out
end

-- ACRN's own habit: the host bridge at slot 0, the LPC bridge at 1, the
-- rest from slot 3 to 29.
policies.acrn = function(items, taken)
  return place_with("acrn", items, taken, "3-29", function(item, used, bus, cursor)
    if item.kind == "hostbridge" then
      return 0
    elseif item.kind == "lpc" then
      return 1
    end
    return free_slot(used, bus, 3, 29, nil, cursor)
  end)
end

-- Kata Containers' habit: every device from slot 0 upward, except slot 2.
policies.kata = function(items, taken)
  return place_with("kata", items, taken, "0-31 except 2", function(_, used, bus, cursor)
    return free_slot(used, bus, 0, 31, 2, cursor)
  end)
end

-- Field `name` of an item or placement as an integer (integral floats are
-- accepted), nil when absent; raises on anything else, about item #`index`
-- (`item`: its kind and where) and, for a placement, what policy
-- `policy` returned.
local function integer_field(t, name, item, index, policy)
  local v = t[name]
  if v == nil or math.type(v) == "integer" then
    return v
  end
  local n = type(v) == "number" and math.tointeger(v) or nil
  if n == nil then
    error(label(item, index) .. (policy and string.format("layout %q: ", policy) or "")
      .. name .. " must be an integer, got " .. show(v), 0)
  end
  return n
end

-- Checks the items and returns fresh copies with `where` filled in and
-- bus, slot and func as integers or nil.
local function normalize(items)
  if type(items) ~= "table" then
    error("layout: the devices must be a list, got " .. type(items), 0)
  end
  local out = {}
  for i = 1, #items do
    local item = items[i]
    if type(item) ~= "table" then
      error(string.format("layout: device #%d must be a table, got %s", i, type(item)), 0)
    end
    local where = item.where
    if where == nil then
      where = ""
    elseif type(where) ~= "string" then
      error(string.format("layout: device #%d: where must be a string, got %s",
        i, type(where)), 0)
    end
    if type(item.kind) ~= "string" then
      error(string.format("%sdevice #%d: kind must be a string, got %s",
        where, i, show(item.kind)), 0)
    end
    local copy = { kind = item.kind, where = where }
    copy.bus = integer_field(item, "bus", copy, i)
    copy.slot = integer_field(item, "slot", copy, i)
    copy.func = integer_field(item, "func", copy, i)
    out[i] = copy
  end
  return out
end

-- Checks what policy `name` returned for `items` and returns fresh
-- placements (a built-in policy's own, which are fresh already); none may
-- be where a raw -s is (`taken`).
local function check_placements(name, items, result, taken)
  local fresh = built_in[name]
  local function prefix(i)
    return label(items[i], i) .. string.format("layout %q: ", name)
  end
  if type(result) ~= "table" then
    error(string.format("layout %q returned %s instead of a list of placements",
      name, type(result)), 0)
  end
  if #result ~= #items then
    error(string.format("layout %q returned %d placements for %d devices",
      name, #result, #items), 0)
  end
  local out = {}
  for i, item in ipairs(items) do
    local p = result[i]
    if type(p) ~= "table" then
      error(prefix(i) .. "placement must be a table, got " .. type(p), 0)
    end
    local bus = integer_field(p, "bus", item, i, name)
    if bus == nil then
      error(prefix(i) .. "placement has no bus", 0)
    end
    local slot = integer_field(p, "slot", item, i, name)
    if slot == nil then
      error(prefix(i) .. "placement has no slot", 0)
    end
    local func = integer_field(p, "func", item, i, name)
    if func == nil then
      error(prefix(i) .. "placement has no func", 0)
    end
    if item.slot ~= nil and (bus ~= (item.bus or 0) or slot ~= item.slot
        or func ~= (item.func or 0)) then
      error(prefix(i) .. string.format("moved the device pinned at %d:%d.%d to %d:%d.%d",
        item.bus or 0, item.slot, item.func or 0, bus, slot, func), 0)
    end
    for _, raw in ipairs(taken) do
      if item.slot == nil and raw.bus == bus and raw.slot == slot then
        error(prefix(i) .. string.format("put the device at %d:%d, which a raw -s takes",
          bus, slot), 0)
      end
    end
    out[i] = fresh and p or { bus = bus, slot = slot, func = func }
  end
  return out
end

-- Places `items` (in recipe order) with `policy` (default "acrn"), around
-- the slots in `taken` ({ { bus, slot, func }, … }: raw -s arguments);
-- returns one { bus, slot, func } per item, in the same order.
function M.place(policy, items, taken)
  if policy == nil then
    policy = "acrn"
  end
  if type(policy) ~= "string" then
    error("layout: the layout must be a string, got " .. type(policy), 0)
  end
  local fn = policies[policy]
  if not fn then
    error(string.format("unknown layout %q (known: %s)", policy,
      table.concat(names(), ", ")), 0)
  end
  local checked = normalize(items)
  if built_in[policy] then
    return check_placements(policy, checked, fn(checked, taken or {}), taken or {})
  end
  local copies, taken_copies = {}, {}
  for i, item in ipairs(checked) do
    copies[i] = { kind = item.kind, where = item.where, bus = item.bus,
      slot = item.slot, func = item.func }
  end
  for i, slot in ipairs(taken or {}) do
    taken_copies[i] = { bus = slot.bus, slot = slot.slot, func = slot.func }
  end
  return check_placements(policy, checked, fn(copies, taken_copies), taken or {})
end

built_in.acrn, built_in.kata = true, true

-- Adds policy `name`: fn(items, taken) gets copies of the devices and of
-- the slots raw -s arguments take, and returns their placements the way
-- place does.
function M.register(name, fn)
  if type(name) ~= "string" or name == "" then
    error("layout: a layout name must be a non-empty string, got " .. show(name), 2)
  end
  if type(fn) ~= "function" then
    error(string.format("layout %q: expected a function, got %s", name, type(fn)), 2)
  end
  if policies[name] then
    error(string.format("layout %q is already registered", name), 2)
  end
  policies[name] = fn
end

-- The sorted names of the known policies.
function M.policies()
  return names()
end

return M
