-- SPDX-License-Identifier: Apache-2.0
-- The Lua side of fuzz_lua: turns the fuzzer's bytes into a recipe written
-- in the API's own vocabulary (constructors, fields and options from
-- acrn.catalog; values of the right type, at and beyond their limits, and
-- of every wrong type and shape: floats, NaN, huge numbers, cyclic and deep
-- tables, functions, devices where strings belong), runs it, and checks:
--   * nothing raises anything but a string or an acrn.errors value;
--   * no error blames acrn's own modules (file:line inside scripts/acrn/)
--     unless the recipe played tricks with metatables;
--   * vm:plan() twice gives the same argv, or the same error;
--   * an accepted argv has only strings without NUL or line breaks, and
--     core.command quotes it; tostring of the VM and its devices works;
--   * kparams: whatever parses renders to text that parses to the same.
-- Returns run(bytes); raising from run is a broken invariant.
local acrn = require "acrn"
local core = require "acrn.core"
local errors = require "acrn.errors"
local kparams = require "acrn.kparams"

-- Like acrn-launch's own cli.lua, the harness is not the recipe: errors
-- raised while it calls vm:plan() name the recipe's lines, or none.
core.internal()

local catalog = acrn.catalog
local show_recipes = os.getenv("FUZZ_LUA_SHOW") == "1"

-- Known, reported bugs a local run may step over ($FUZZ_OPEN_BUGS, words
-- separated by spaces); never set in CI.
local open_bugs = {}
for word in (os.getenv("FUZZ_OPEN_BUGS") or ""):gmatch("%S+") do
  open_bugs[word] = true
end

-- ---- choices from bytes ----------------------------------------------------

local bytes, at

local function byte()
  at = at + 1
  return bytes:byte(at) or 0
end

-- 1..n
local function pick(n)
  local value = byte()
  if n > 256 then
    value = value * 256 + byte()
  end
  return value % n + 1
end

local function chance(one_in)
  return pick(one_in) == one_in -- a used-up input: never
end

local function one_of(list)
  return list[pick(#list)]
end

-- ---- values as Lua source --------------------------------------------------

local tokens = {
  "/", "dev", "tty", "S1", "tap", "vmnet", "0", "1", "7", "15", "16", "65535", "-", ":",
  ",", "=", "@", "{", "}", ";", "'", '"', " ", "\n", "\r", "\0", ".", "..", "x", "\xff",
  "\xc3\x28", "stdio", "tcp:", "pty", "file", "socket", "nodisk", "00", "1f", "M", "G",
  "k", "MSFT0101", "PNP0501", "INT34C5", "pty,", "L2", "writeback", "fullscreen:",
  "1920x1080+0+0", "gpiochip0", "vm1", "img", "00:16:3e:00:00:01",
  "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f", "console=ttyS0", "root=/dev/vda1", "rw",
  'a="b c"', "quiet",
}

-- Exemplars by field name, so that values often get past the type.
local exemplars = {
  path = { "/var/lib/vm1.img", "/dev/ttyS1", "/run/vm1/console.sock" },
  tap = { "tap0", "vmnet1", "eth0" },
  mac = { "00:16:3e:00:00:01", "02:00:00:00:00:01" },
  bdf = { "00:1f.3", "0/1f/3", "0000:00:02.0" },
  memory = { "2048M", "2G", "131072k" },
  uuid = { "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f" },
  sectorsize = { "4096", "512/4096" },
  range = { "2048/204800" },
  discard = { "8:1:0" },
  size = { "512K", "2M" },
  geometry = { "1920x1080+0+0", "fullscreen:0" },
  port = { "1-2" },
  line = { "3", "reset=vreset" },
  chip = { "gpiochip0" },
  hid = { "MSFT0101", "PNP0501", "INT34C5" },
  name = { "console0", "vm1", "shm0" },
  pm_by_vuart = { "pty,/run/vuart" },
  args = { "64 448 8" },
  backend = { "stdio", "pty", "tcp:4444", "/dev/ttyS1", "" },
  com1 = { "stdio", "tcp:4444", "/dev/ttyS1", "" },
  bootargs = { "root=/dev/vda1 rw console=ttyS0" },
}

local function quoted(s)
  return (string.format("%q", s):gsub("\\\n", "\\n"))
end

local function random_text()
  local how = pick(6)
  if how == 1 then
    local n = pick(24) - 1
    local chars = {}
    for i = 1, n do
      chars[i] = string.char(byte())
    end
    return quoted(table.concat(chars))
  elseif how == 2 then
    return string.format("string.rep(%s, %d)", quoted(one_of(tokens)),
      one_of({ 15, 16, 127, 128, 1023, 1024, 2047, 2048, 5000 }))
  end
  local parts = {}
  for i = 1, pick(5) do
    parts[i] = one_of(tokens)
  end
  return quoted(table.concat(parts))
end

-- State of the recipe being written.
local recipe

-- Anything at all, mostly of the wrong type.
local function hostile()
  local list = {
    "nil", "true", "false", "0", "-1", "3.5", "3.0", "1e308", "-1e308", "math.huge",
    "-math.huge", "(0/0)", "math.maxinteger", "math.mininteger", "2^53", "2^63", '""',
    "{}", "{ {} }", "cycle", "deep", "print", "io.stdout", "coroutine.create(print)",
    "acrn.kparams.new('a=b')", "acrn.virtio_rnd {}", "{ 1, 2, x = 3 }", "{ [1.5] = 1 }",
    "{ [true] = 1 }", "acrn.vm { name = 'inner' }",
  }
  local tricks = {
    "setmetatable({}, { __index = function() error('index trap', 0) end })",
    "setmetatable({}, { __len = function() return 'x' end })",
    "setmetatable({}, { __pairs = function() error('pairs trap', 0) end })",
    "setmetatable({}, { __tostring = function() return {} end })",
  }
  if chance(12) then
    recipe.tricky = true
    return one_of(tricks)
  end
  return one_of(list)
end

local expression

local function integer_value(field)
  local min, max = field.min or 0, field.max or 100
  local choice = pick(9)
  if choice == 1 then
    return tostring(min)
  elseif choice == 2 then
    return tostring(max)
  elseif choice == 3 then
    return string.format("%d", min - 1)
  elseif choice == 4 then
    return string.format("%d", max + 1)
  elseif choice == 5 then
    return string.format("%d.0", min)
  elseif choice == 6 then
    return one_of({ "math.maxinteger", "math.mininteger", "-1", "0" })
  end
  local span = max - min
  if span < 0 or span > 1000000 then
    span = 1000000
  end
  return tostring(min + (pick(256) * 256 + byte()) % (span + 1))
end

local function text_value(field)
  local choice = pick(5)
  if field.choices and choice <= 2 then
    return quoted(one_of(field.choices))
  end
  local known = exemplars[field.name]
  if known and choice <= 3 then
    local text = one_of(known)
    if chance(4) then -- one hostile byte somewhere
      local where = pick(#text + 1)
      text = text:sub(1, where - 1) .. one_of({ ",", ":", "=", ";", "'", "\n", "\0", "\xff", "@" })
        .. text:sub(where)
    end
    return quoted(text)
  end
  return random_text()
end

local function table_of(field, depth)
  if field.type == "list" then
    local items = {}
    for i = 1, pick((field.max_items or 6) + 3) - 1 do
      items[i] = expression(field.element, depth + 1)
    end
    return "{ " .. table.concat(items, ", ") .. " }"
  end
  local function record()
    local parts = {}
    for _, inner in ipairs(field.fields) do
      if inner.required and not chance(10) or chance(3) then
        parts[#parts + 1] = inner.name .. " = " .. expression(inner, depth + 1)
      end
    end
    if chance(20) then
      parts[#parts + 1] = "unknown = 1"
    end
    return "{ " .. table.concat(parts, ", ") .. " }"
  end
  if field.type == "record" then
    return record()
  end
  local items = {}
  for i = 1, pick((field.max_items or 4) + 3) - 1 do
    items[i] = record()
  end
  return "{ " .. table.concat(items, ", ") .. " }"
end

-- A Lua expression for a value of `field`: mostly the right type.
function expression(field, depth)
  if depth > 4 or chance(10) then
    return hostile()
  end
  if field.flag_ok and chance(3) then
    return "true"
  end
  local t = field.type
  if t == "boolean" then
    return chance(2) and "true" or "false"
  elseif t == "integer" then
    return integer_value(field)
  elseif t == "memory" and chance(2) then
    return integer_value({ min = 128, max = 1 << 40 })
  elseif t == "list" or t == "record" or t == "records" then
    if t == "record" and field.name == "ovmf" and chance(2) then
      return text_value({ name = "path" })
    end
    return table_of(field, depth)
  end
  return text_value(field)
end

-- ---- a recipe --------------------------------------------------------------

local function placement()
  local parts = {}
  for _, key in ipairs({ "bus", "slot", "func" }) do
    if chance(6) then
      parts[#parts + 1] = key .. " = " .. (chance(4) and hostile() or tostring(pick(34) - 2))
    end
  end
  return parts
end

local function device()
  local emulation = one_of(catalog.emulations)
  local parts = placement()
  for _, field in ipairs(emulation.fields) do
    if field.required and not chance(12) or chance(4) then
      parts[#parts + 1] = field.name .. " = " .. expression(field, 0)
    end
  end
  if chance(25) then
    parts[#parts + 1] = one_of({ "pth = '/a'", "[1] = 2", "[true] = 1", "kind = 'x'" })
  end
  if chance(40) then
    return "acrn." .. emulation.constructor .. "(" .. hostile() .. ")"
  end
  return "acrn." .. emulation.constructor .. " { " .. table.concat(parts, ", ") .. " }"
end

local layout_count = 0

local function generate()
  recipe = { tricky = false }
  local lines = {
    'local acrn = require "acrn"',
    "local cycle = {} cycle[1] = cycle cycle.x = cycle",
    "local deep = {} do local t = deep for _ = 1, 200 do t[1] = {} t = t[1] end end",
  }
  if chance(16) then
    layout_count = layout_count + 1
    local result = one_of({
      "return items",
      "local out = {} for i = 1, #items do out[i] = { bus = 0, slot = i + 2, func = 0 } end return out",
      "local out = {} for i = 1, #items do out[i] = { bus = 0, slot = 1.5, func = 0 } end return out",
      "return { { bus = 0, slot = 0, func = 0 } }",
      "return 'x'",
      "error('layout failed')",
      "local out = {} for i = 1, #items do out[i] = { bus = 0, slot = 1e308, func = 0 } end return out",
    })
    lines[#lines + 1] = string.format(
      "acrn.layout.register('fuzz%d', function(items) %s end)", layout_count, result)
    recipe.layout = "fuzz" .. layout_count
  end
  local fields = {}
  if not chance(16) then
    fields[#fields + 1] = "name = " .. (chance(4) and random_text() or quoted(one_of({ "vm1", "a.b-c_d" })))
  end
  if chance(2) then
    local targets = catalog.targets
    fields[#fields + 1] = "target = " .. (chance(12) and hostile() or quoted(one_of(targets)))
  end
  if recipe.layout and chance(2) then
    fields[#fields + 1] = "layout = " .. quoted(recipe.layout)
  elseif chance(10) then
    fields[#fields + 1] = "layout = " .. one_of({ '"kata"', '"acrn"', '"nope"', "5" })
  end
  for _, option in ipairs(catalog.options) do
    if chance(10) then
      fields[#fields + 1] = option.name .. " = " .. expression(option, 0)
    end
  end
  if chance(8) then
    fields[#fields + 1] = "bootargs = " .. one_of({
      random_text(), "{ " .. random_text() .. ", " .. random_text() .. " }",
      "acrn.kparams.new(" .. random_text() .. ")", "{ {} }", "cycle", "deep", "{ 1, 2 }",
    })
  end
  if chance(30) then
    fields[#fields + 1] = one_of({ "memroy = '1G'", "[1] = 1", "devices = 5", "devices = { x = 1 }" })
  end
  local devices = {}
  if not chance(10) then
    devices[1] = "acrn.hostbridge {}"
  end
  for _ = 1, pick(12) - 1 do
    devices[#devices + 1] = device()
  end
  fields[#fields + 1] = "devices = {\n    " .. table.concat(devices, ",\n    ") .. "\n  }"
  lines[#lines + 1] = "local vm = acrn.vm {\n  " .. table.concat(fields, ",\n  ") .. "\n}"
  for _ = 1, pick(4) - 1 do
    local change = pick(6)
    if change == 1 then
      lines[#lines + 1] = "vm:add(" .. device() .. ")"
    elseif change == 2 then
      lines[#lines + 1] = "vm.bootargs = " .. random_text()
    elseif change == 3 then
      lines[#lines + 1] = "vm.devices[#vm.devices + 1] = " .. hostile()
    elseif change == 4 then
      lines[#lines + 1] = "vm.target = " .. quoted(one_of(catalog.targets))
    elseif change == 5 then
      lines[#lines + 1] = "vm:warn(" .. random_text() .. ")"
    else
      lines[#lines + 1] = "vm.devices[1] = " .. device()
    end
  end
  lines[#lines + 1] = chance(20) and "return " .. hostile() or "return vm"
  return table.concat(lines, "\n") .. "\n"
end

-- ---- checks ------------------------------------------------------------------

local function fail(what, source)
  error(what .. "\n--- recipe:\n" .. source, 0)
end

-- An error message must be a string or an error value of acrn.errors (a
-- message with its place), and must not point into acrn's own modules: a
-- user should land on their recipe, never on init.lua.
local function check_error(message, source)
  if errors.is(message) then
    message = errors.text(message)
  end
  if type(message) ~= "string" then
    if recipe.tricky then
      return
    end
    fail("an error that is a " .. type(message) .. ", not a string", source)
  end
  -- open bug "kparams-where": a bad bootargs is blamed on init.lua
  if open_bugs["kparams-where"] and message:find("acrn/init%.lua:%d+: kparams:") then
    return
  end
  if not recipe.tricky and message:find("acrn/[%w_/]*%.lua:%d+:") then
    fail("an error blames acrn's own code: " .. message, source)
  end
end

local function check_argv(plan, source)
  for i, word in ipairs(plan.argv) do
    if type(word) ~= "string" or word:find("[%z\n\r]") then
      fail(string.format("argv[%d] is %q", i, tostring(word)), source)
    end
  end
  local line = core.command(plan.program, plan.argv)
  if type(line) ~= "string" or line:find("\n") then
    fail("core.command gave " .. tostring(line), source)
  end
end

local function same(a, b)
  if #a ~= #b then
    return false
  end
  for i = 1, #a do
    if a[i] ~= b[i] then
      return false
    end
  end
  return true
end

local function run_recipe()
  local source = generate()
  if show_recipes then
    io.stderr:write(source, "----\n")
  end
  local chunk, problem = load(source, "=recipe", "t", setmetatable({}, { __index = _G }))
  if not chunk then
    fail("the generator wrote bad Lua: " .. problem, source)
  end
  local ok, vm = pcall(chunk)
  if not ok then
    return check_error(vm, source)
  end
  if not acrn.is_vm(vm) then
    return
  end
  local results = {}
  for i = 1, 2 do
    results[i] = table.pack(pcall(vm.plan, vm))
  end
  local ok1, plan1 = results[1][1], results[1][2]
  local ok2, plan2 = results[2][1], results[2][2]
  if os.getenv("FUZZ_LUA_SHOW") == "2" then -- what became of each recipe
    io.stderr:write("plan: ", ok1 and "ok" or tostring(plan1):gsub("^[^\n]-:%d+: ", ""), "\n")
  end
  if ok1 ~= ok2 then
    fail("vm:plan() succeeded once and failed once", source)
  end
  if not ok1 then
    check_error(plan1, source)
    local first, second = errors.text(plan1), errors.text(plan2)
    if first ~= second and not recipe.tricky then
      fail(string.format("vm:plan() failed with %q, then %q", first, second), source)
    end
  else
    check_argv(plan1, source)
    if not same(plan1.argv, plan2.argv) then
      fail("vm:plan() gave two different argv", source)
    end
  end
  local checked, message = vm:check()
  if (checked == true) ~= ok1 then
    fail("vm:check() disagrees with vm:plan(): " .. tostring(message), source)
  end
  if not recipe.tricky then
    local shown_ok, shown = pcall(tostring, vm)
    if not shown_ok or type(shown) ~= "string" then
      fail("tostring(vm) raised " .. tostring(shown), source)
    end
    if type(vm.devices) == "table" then
      for _, dev in ipairs(vm.devices) do
        if core.kind(dev) then
          local dev_ok, text = pcall(tostring, dev)
          if not dev_ok or type(text) ~= "string" then
            fail("tostring(device) raised " .. tostring(text), source)
          end
        end
      end
    end
  end
end

-- kparams: parse, render, parse again: the same list.
local function run_kparams()
  recipe = { tricky = false }
  local texts = {}
  for i = 1, pick(3) do
    local source = random_text()
    texts[i] = assert(load("return " .. source))()
  end
  local init = #texts == 1 and texts[1] or texts
  local ok, list = pcall(kparams.new, init)
  if not ok then
    if type(list) ~= "string" then
      error("kparams.new raised a " .. type(list))
    end
    return
  end
  local rendered = list:render()
  local ok_again, again = pcall(kparams.new, rendered)
  if not ok_again then
    error(string.format("kparams: %q renders as %q, which does not parse: %s",
      tostring(init), rendered, again))
  end
  if again:render() ~= rendered or #again ~= #list then
    error(string.format("kparams: %q renders as %q, then as %q", tostring(init), rendered,
      again:render()))
  end
  for _, entry in ipairs(list.entries) do
    if not same(list:get(entry.key), again:get(entry.key)) then
      error(string.format("kparams: key %q changed in %q", entry.key, rendered))
    end
  end
  -- methods with whatever keys and values
  local key = assert(load("return " .. random_text()))()
  for _, method in ipairs({ "add", "set", "remove", "has", "get" }) do
    local called, problem = pcall(list[method], list, key, chance(2) and key or nil)
    if not called and type(problem) ~= "string" then
      error("kparams:" .. method .. " raised a " .. type(problem))
    end
  end
end

-- Each input runs in a Lua state of its own (fuzz_lua.c): nothing, not
-- the session's defaults, carries over from one input to the next.
return function(input)
  bytes, at = input, 0
  if byte() % 8 == 0 then
    run_kparams()
  else
    run_recipe()
  end
end
