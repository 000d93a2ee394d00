-- SPDX-License-Identifier: Apache-2.0
-- Specs for acrn.kparams.
local spec = require "spec"
local kparams = require "acrn.kparams"

local it, eq, raises, truthy = spec.it, spec.eq, spec.raises, spec.truthy

local KATA = "tsc=reliable no_timer_check nohpet console=tty0 console=ttyS0 " ..
  "console=hvc0 log_buf_len=16M"

-- construction --------------------------------------------------------------

it("new() is empty", function()
  local k = kparams.new()
  eq(#k, 0, "#k")
  eq(k:render(), "", "render")
  eq(tostring(k), "", "tostring")
  eq(k:list(), {}, "list")
end)

it("new(\"\") and a blank string are empty", function()
  eq(#kparams.new(""), 0, "empty string")
  eq(#kparams.new(" \t  "), 0, "blank string")
end)

it("the Kata base list round-trips", function()
  local k = kparams.new(KATA)
  eq(#k, 7, "#k")
  eq(k:render(), KATA, "render")
  eq(tostring(k), KATA, "tostring")
  eq(k:list(), { "tsc=reliable", "no_timer_check", "nohpet", "console=tty0",
    "console=ttyS0", "console=hvc0", "log_buf_len=16M" }, "list")
  eq(k:get("console"), { "tty0", "ttyS0", "hvc0" }, "consoles")
  eq(kparams.new(k:render()):list(), k:list(), "reparsed")
end)

it("runs of whitespace separate parameters; rendering uses single spaces", function()
  local k = kparams.new("  root=/dev/vda1 \t rw\tquiet  ")
  eq(k:list(), { "root=/dev/vda1", "rw", "quiet" }, "list")
  eq(k:render(), "root=/dev/vda1 rw quiet", "render")
end)

it("a quoted value keeps its spaces and is quoted again on rendering", function()
  local k = kparams.new('a key="x  y" b')
  eq(#k, 3, "#k")
  eq(k:get("key"), { "x  y" }, "value")
  eq(k:list(), { "a", 'key="x  y"', "b" }, "list")
  eq(k:render(), 'a key="x  y" b', "render")
end)

it("quotes around a value without whitespace are dropped", function()
  eq(kparams.new('k="v"'):render(), "k=v", "render")
  eq(kparams.new('k="v"'):get("k"), { "v" }, "value")
end)

it("the first '=' separates key and value", function()
  local k = kparams.new("a=b=c x==y")
  eq(k:get("a"), { "b=c" }, "a")
  eq(k:get("x"), { "=y" }, "x")
  eq(k:render(), "a=b=c x==y", "render")
end)

it("key= has an empty value, distinct from a bare key", function()
  local k = kparams.new("k= flag")
  eq(k:get("k"), { "" }, "k")
  eq(k:get("flag"), { true }, "flag")
  eq(k:render(), "k= flag", "render")
  eq(kparams.new('k=""'):get("k"), { "" }, "quoted empty value")
end)

it("new(list of strings) takes one parameter per string", function()
  local k = kparams.new({ "root=/dev/vda1", "rw", 'init="/sbin/my init"' })
  eq(k:list(), { "root=/dev/vda1", "rw", 'init="/sbin/my init"' }, "list")
  eq(k:get("init"), { "/sbin/my init" }, "init")
  eq(#kparams.new({}), 0, "empty table")
end)

it("new(kparams) copies", function()
  local a = kparams.new("rw console=ttyS0")
  local b = kparams.new(a)
  eq(b:render(), "rw console=ttyS0", "copy")
  b:add("quiet"):set("console", "hvc0")
  eq(a:render(), "rw console=ttyS0", "original untouched")
  eq(b:render(), "rw console=hvc0 quiet", "copy changed")
end)

-- add -------------------------------------------------------------------------

it("add takes a bare key, key and value, or key=value", function()
  local k = kparams.new()
  local r = k:add("rw")
  eq(rawequal(r, k), true, "returns k")
  k:add("console", "ttyS0"):add("console=ttyS1")
  eq(k:list(), { "rw", "console=ttyS0", "console=ttyS1" }, "list")
  eq(k:get("rw"), { true }, "bare key")
end)

it("add accepts integers and true as values", function()
  local k = kparams.new():add("loglevel", 7):add("rw", true)
  eq(k:render(), "loglevel=7 rw", "render")
  eq(k:get("loglevel"), { "7" }, "integer stored as text")
end)

it("add keeps duplicates and order", function()
  local k = kparams.new("a=1"):add("b"):add("a", "2"):add("a", "2")
  eq(k:render(), "a=1 b a=2 a=2", "render")
  eq(k:get("a"), { "1", "2", "2" }, "values")
end)

it("add with a value holding whitespace renders quoted and round-trips", function()
  local k = kparams.new():add("dyndbg", "file x.c +p"):add("x", "a\tb")
  eq(k:render(), 'dyndbg="file x.c +p" x="a\tb"', "render")
  eq(kparams.new(k:render()):get("dyndbg"), { "file x.c +p" }, "reparsed")
  eq(kparams.new(tostring(k)):list(), k:list(), "reparsed list")
end)

it("add(param) strips quotes around the value like parsed input", function()
  eq(kparams.new():add('k="a b"'):get("k"), { "a b" }, "value")
end)

it("add(key, value) with an empty value", function()
  eq(kparams.new():add("k", ""):render(), "k=", "render")
end)

-- set -------------------------------------------------------------------------

it("set collapses the three Kata consoles into one at the first place", function()
  local k = kparams.new(KATA)
  local r = k:set("console", "ttyS1")
  eq(rawequal(r, k), true, "returns k")
  eq(k:render(), "tsc=reliable no_timer_check nohpet console=ttyS1 log_buf_len=16M",
    "render")
  eq(k:get("console"), { "ttyS1" }, "console")
  eq(#k, 5, "#k")
end)

it("set appends when the key is absent", function()
  eq(kparams.new("rw"):set("console", "ttyS0"):render(), "rw console=ttyS0", "render")
end)

it("set with nil leaves a bare key, and a bare key can get a value", function()
  local k = kparams.new("quiet=1 rw quiet=2")
  k:set("quiet", nil)
  eq(k:render(), "quiet rw", "bare")
  k:set("quiet", "3")
  eq(k:render(), "quiet=3 rw", "valued")
  k:set("rw")
  eq(k:render(), "quiet=3 rw", "set without value")
end)

it("set keeps the position of the first occurrence", function()
  local k = kparams.new("a b=1 c b=2 d b=3")
  k:set("b", "x")
  eq(k:render(), "a b=x c d", "render")
end)

-- remove, has, get -----------------------------------------------------------

it("remove drops every occurrence and returns the count", function()
  local k = kparams.new(KATA)
  eq(k:remove("console"), 3, "removed")
  eq(k:render(), "tsc=reliable no_timer_check nohpet log_buf_len=16M", "render")
  eq(k:has("console"), false, "has")
  eq(k:remove("console"), 0, "removed again")
  eq(k:remove("nohpet"), 1, "bare key")
  eq(k:render(), "tsc=reliable no_timer_check log_buf_len=16M", "render after")
end)

it("has and get", function()
  local k = kparams.new(KATA)
  eq(k:has("nohpet"), true, "has bare")
  eq(k:has("tsc"), true, "has valued")
  eq(k:has("hvc0"), false, "a value is not a key")
  eq(k:get("nohpet"), { true }, "bare key gives true")
  eq(k:get("log_buf_len"), { "16M" }, "valued")
  eq(k:get("absent"), {}, "absent")
end)

it("get returns a fresh list", function()
  local k = kparams.new("a=1")
  k:get("a")[1] = "changed"
  eq(k:render(), "a=1", "render")
end)

-- extend, is, len -------------------------------------------------------------

it("extend appends a string, a list and a kparams list", function()
  local k = kparams.new("rw")
  local r = k:extend("console=ttyS0 quiet")
  eq(rawequal(r, k), true, "returns k")
  k:extend({ "a=1", "b" }):extend(kparams.new("c=2"))
  eq(k:render(), "rw console=ttyS0 quiet a=1 b c=2", "render")
end)

it("extend with itself doubles the list", function()
  local k = kparams.new("a b=1")
  k:extend(k)
  eq(k:render(), "a b=1 a b=1", "render")
  k:set("b", "2")
  eq(k:render(), "a b=2 a", "independent entries")
end)

it("a failing extend changes nothing", function()
  local k = kparams.new("rw")
  raises(function() k:extend({ "ok=1", "a b" }) end, "whitespace")
  raises(function() k:extend('ok=1 k="x') end, "unbalanced")
  eq(k:render(), "rw", "render")
end)

it("is tells kparams lists apart", function()
  eq(kparams.is(kparams.new()), true, "kparams")
  eq(kparams.is({}), false, "table")
  eq(kparams.is("rw"), false, "string")
  eq(kparams.is(nil), false, "nil")
  eq(kparams.is(setmetatable({ entries = {} }, {})), false, "look-alike")
end)

it("# counts entries, duplicates included", function()
  eq(#kparams.new("a a a b"), 4, "#k")
end)

-- errors ----------------------------------------------------------------------

it("a key with whitespace is refused", function()
  raises(function() kparams.new():add("a b") end,
    'kparams: key "a b" contains whitespace')
  raises(function() kparams.new():add("a\tb", "1") end, "contains whitespace")
  raises(function() kparams.new():set("a b", "1") end, 'key "a b" contains whitespace')
  raises(function() kparams.new({ "a b" }) end, 'key "a b" contains whitespace')
end)

it("a key with '=' is refused where a bare key is expected", function()
  raises(function() kparams.new():add("a=b", "c") end, 'kparams: key "a=b" contains \'=\'')
  raises(function() kparams.new():set("console=ttyS0", "x") end, "contains '='")
  raises(function() kparams.new("a"):remove("a=1") end, "contains '='")
  raises(function() kparams.new("a"):has("a=1") end, "contains '='")
  raises(function() kparams.new("a"):get("a=1") end, "contains '='")
end)

it("a key with a quote is refused", function()
  raises(function() kparams.new():add('a"b') end, 'kparams: key "a\\"b" contains \'"\'')
  raises(function() kparams.new('"rw"') end, "key", "contains '\"'")
  raises(function() kparams.new('"a=b c"') end, "contains '\"'")
end)

it("an empty key is refused", function()
  raises(function() kparams.new():add("") end, "kparams: empty key")
  raises(function() kparams.new("=x") end, 'kparams: empty key in "=x"')
  raises(function() kparams.new():add("=") end, "empty key")
  raises(function() kparams.new():set("", "x") end, "kparams: empty key")
  raises(function() kparams.new("a"):remove("") end, "kparams: empty key")
end)

it("a value with a quote is refused", function()
  raises(function() kparams.new():add("k", 'a"b') end,
    'kparams: value "a\\"b" of key "k" contains \'"\'')
  raises(function() kparams.new():add("k", '"a b"') end, "of key \"k\"", "contains")
  raises(function() kparams.new():set("k", '"') end, "contains '\"'")
  raises(function() kparams.new('k=a"b"c') end, "of key \"k\" contains '\"'")
  raises(function() kparams.new():add('k="') end, "of key \"k\" contains '\"'")
end)

it("an unbalanced quote is refused", function()
  raises(function() kparams.new('a k="x y') end, 'kparams: unbalanced quote in "a k=\\"x y"')
  raises(function() kparams.new('k="') end, "unbalanced quote")
  raises(function() kparams.new():extend('"') end, "unbalanced quote")
end)

it("NUL is refused anywhere", function()
  raises(function() kparams.new("a\0b") end, "kparams:", "NUL")
  raises(function() kparams.new():add("k", "a\0") end, "NUL")
  raises(function() kparams.new():add("k\0") end, "NUL")
  raises(function() kparams.new({ "k=\0" }) end, "NUL")
  raises(function() kparams.new():set("k", "\0") end, "NUL")
end)

it("a newline is refused anywhere", function()
  raises(function() kparams.new("a\nb") end, 'kparams: "a\\nb" contains a newline')
  raises(function() kparams.new('k="a\nb"') end, "newline")
  raises(function() kparams.new():add("k", "x\ny") end, "newline")
  raises(function() kparams.new():add("k\n") end, "newline")
  raises(function() kparams.new():set("k", "\r") end, "newline")
end)

it("inputs of the wrong type are refused", function()
  raises(function() kparams.new(42) end,
    "kparams: expected a string, a list of strings or a kparams list, got number")
  raises(function() kparams.new(true) end, "got boolean")
  raises(function() kparams.new():extend(print) end, "got function")
  raises(function() kparams.new():extend(nil) end, "got nil")
  raises(function() kparams.new({ "a", 1 }) end, "kparams: entry #2 is a number, expected a string")
  raises(function() kparams.new({ a = "b" }) end, "kparams: a table must be a list of strings",
    'found key "a"')
  raises(function() kparams.new({ "a", nil, "b" }) end, "kparams: entry #2 is nil")
  raises(function() kparams.new():add(1) end, "kparams: key must be a string, got number")
  raises(function() kparams.new():add(nil) end, "key must be a string, got nil")
  raises(function() kparams.new():get(1) end, "key must be a string, got number")
end)

it("values of the wrong type are refused", function()
  raises(function() kparams.new():add("k", false) end,
    'kparams: value of key "k" must be a string, an integer or true, got boolean')
  raises(function() kparams.new():add("k", 1.5) end, "got float")
  raises(function() kparams.new():add("k", {}) end, "got table")
  raises(function() kparams.new():set("k", false) end, "got boolean")
end)

it("errors blame the caller (level 2)", function()
  local k = kparams.new()
  local msg = raises(function() k:add("a b") end, "whitespace")
  truthy(msg:find("^[^:]*kparams_spec%.lua:%d+: kparams: "), "location of the caller: " .. msg)
  msg = raises(function() kparams.new(1) end, "kparams:")
  truthy(msg:find("^[^:]*kparams_spec%.lua:%d+: kparams: "), "location of the caller: " .. msg)
  msg = raises(function() k:extend("x=\"") end, "unbalanced")
  truthy(msg:find("^[^:]*kparams_spec%.lua:%d+: kparams: "), "location of the caller: " .. msg)
end)

it("methods must be called with a colon", function()
  local k = kparams.new()
  raises(function() k.add("rw") end, "kparams: call add as a method")
  raises(function() k.render() end, "call render as a method")
  eq(#k, 0, "unchanged")
end)

it("a failed add or set leaves the list unchanged", function()
  local k = kparams.new("a=1 a=2")
  raises(function() k:add("b", 'x"') end, "contains")
  raises(function() k:set("a", 'x"') end, "contains")
  eq(k:render(), "a=1 a=2", "render")
end)

spec.done()
