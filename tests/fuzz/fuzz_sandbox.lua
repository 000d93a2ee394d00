-- SPDX-License-Identifier: Apache-2.0
-- The Lua side of fuzz_sandbox: the fuzzer's bytes are what the sandbox's
-- child sends back to the launcher (lua/sandbox.c gives the grammar), the
-- one channel a recipe that escaped every wall could still write to.  The
-- launcher's side runs on them as acrn-launch runs it, and checks:
--   * core.sandbox_decode returns a value or nil and a message; the only
--     error it lets through is a maker's refusal of a malformed answer;
--   * what it read encodes back (acrn.sandbox.encode) to an answer that
--     reads as the same value;
--   * acrn.sandbox.receive gives a VM or raises a message, never anything
--     else; a VM's plan is built or refused with a message, and a refused
--     layer or place never makes it into one.
-- Returns run(bytes); raising from run is a broken invariant.
local acrn = require "acrn"
local core = require "acrn.core"
local errors = require "acrn.errors"
local kparams = require "acrn.kparams"
local sandbox = require "acrn.sandbox"
local sessions = require "acrn.session"

core.internal()

-- Host facts come from the fake host tree beside the tests, locks and
-- records from nowhere: nothing of this machine's is read.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")
sessions.begin(sessions.new({ root = here .. "/../golden/host",
  run_dir = "/nonexistent/acrn-launch" }))

-- Whether `a` and `b` are the same value, as the answer carries values.
local function same(a, b, depth)
  if depth > 64 then
    return false
  end
  if type(a) ~= type(b) then
    return false
  end
  if type(a) == "number" then
    return math.type(a) == math.type(b) and (a == b or (a ~= a and b ~= b))
  elseif type(a) == "function" then
    return true
  elseif type(a) ~= "table" then
    return a == b
  end
  if kparams.is(a) or kparams.is(b) then
    return kparams.is(a) and kparams.is(b) and a:render() == b:render()
  end
  if core.kind(a) ~= core.kind(b) or core.origin(a) ~= core.origin(b) then
    return false
  end
  for key, value in next, a do
    if not same(value, rawget(b, key), depth + 1) then
      return false
    end
  end
  for key in next, b do
    if rawget(a, key) == nil then
      return false
    end
  end
  return true
end

local function is_message(value)
  return type(value) == "string" or errors.is(value)
end

return function(bytes)
  local read, value, why = pcall(core.sandbox_decode, bytes, sandbox.MAKERS)
  if not read then
    assert(type(value) == "string" and value:find("the sandbox's answer is malformed", 1, true),
      "decode raised something else: " .. tostring(value))
    return
  end
  if value == nil then
    assert(type(why) == "string" and why:find("a malformed answer from the sandbox", 1, true),
      "decode refused without its message: " .. tostring(why))
    return
  end
  -- what was read goes back the same way (deeper than a recipe's values
  -- may be refused by the encoder; nothing else is)
  local encoded, answer = pcall(sandbox.encode, value)
  if encoded then
    local again, problem = core.sandbox_decode(answer, sandbox.MAKERS)
    assert(again ~= nil, "an encoded answer does not read back: " .. tostring(problem))
    assert(same(value, again, 0), "an answer read back as another value")
  else
    assert(tostring(answer):find("nested more than", 1, true), "encode: " .. tostring(answer))
  end
  local received, vm = pcall(sandbox.receive, value)
  if not received then
    assert(is_message(vm), "receive raised a " .. type(vm))
    return
  end
  assert(acrn.is_vm(vm), "receive gave a " .. type(vm))
  for key in pairs(vm) do
    local origin = vm:origin(key)
    assert(origin.layer == "recipe" or origin.layer == "profile", "a layer the answer claimed")
    assert(not origin.where:find("%c"), "a place with a control character")
  end
  -- "auto" would ask a program: what acrn-launch does after the site's say
  if vm.target == "auto" then
    return
  end
  local planned, plan = pcall(vm.plan, vm)
  if not planned then
    assert(is_message(plan), "plan raised a " .. type(plan))
    return
  end
  for _, word in ipairs(plan.argv) do
    assert(type(word) == "string" and not word:find("[%z\n\r]"), "an argument with a NUL or "
      .. "line break")
  end
end
