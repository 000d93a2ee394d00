-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch --json, read back by an independent parser (jq) and checked
-- field by field against the plan; odd strings survive the trip.
local spec = require "spec"
local launcher = require "launcher"

-- Runs jq `filter` (raw output, NUL-joined) on `json`; returns the list.
local function jq(json, filter)
  local input = launcher.write("plan.json", json)
  local pipe = assert(io.popen("jq -j " .. launcher.quote(filter) .. " " .. launcher.quote(input)))
  local text = pipe:read("a")
  local ok = pipe:close()
  assert(ok, "jq failed on: " .. json)
  local list = {}
  for item in text:gmatch("([^%z]*)%z") do
    list[#list + 1] = item
  end
  return list
end

spec.it("every example's JSON matches what acrn-dm receives", function()
  for _, name in ipairs({ "minimal", "windows", "kata-sandbox", "gvt-2.7" }) do
    local recipe = launcher.source .. "/examples/" .. name .. ".lua"
    local root = launcher.fake_root()
    local json = launcher.run({ "--json", "--root", root, recipe })
    spec.eq(json.status, 0, name .. ": " .. json.stderr)
    spec.eq(json.argv, nil, "--json runs nothing")
    local launched = launcher.run({ "--root", root, recipe })
    spec.eq(jq(json.stdout, '.argv[] + "\\u0000"'), launched.argv, name .. ": argv")
    spec.eq(jq(json.stdout, '(.schema | tostring) + "\\u0000"'), { "2" }, "schema")
    spec.eq(jq(json.stdout, '.program + "\\u0000"'), { launcher.stand_in }, "program")
    local name_json = jq(json.stdout, '.name + "\\u0000"')[1]
    spec.eq(name_json, launched.argv[#launched.argv], "name")
    -- each device's -s value is in the argv, at its slot
    local args = jq(json.stdout, '.devices[] | "\\(.bus):\\(.slot):\\(.func) \\(.kind) \\(.arg)\\u0000"')
    for _, line in ipairs(args) do
      local _, kind, arg = line:match("^(%S+) (%S+) (.*)$")
      spec.truthy(arg:find(kind, 1, true), line)
      local found = false
      for i = 2, #launched.argv do
        found = found or (launched.argv[i - 1] == "-s" and launched.argv[i] == arg)
      end
      spec.truthy(found, name .. ": " .. arg .. " not in the argv")
    end
  end
end)

spec.it("odd strings round-trip: quotes, backslashes, UTF-8 (control characters are refused)",
  function()
  local odd = { 'say "hi"', "back\\slash", "ütf-8 ✓ 日本", "a/b", "%q", "{ }" }
  local items = {}
  for i, text in ipairs(odd) do
    items[i] = string.format("%q", text)
  end
  local recipe = launcher.write("odd.lua", 'local acrn = require "acrn"\n'
    .. 'return acrn.vm { name = "odd", raw = { ' .. table.concat(items, ", ") .. " },\n"
    .. "  bootargs = { 'x=" .. 'caf\\u{e9}' .. "' }, devices = { acrn.hostbridge {} } }\n")
  local json = launcher.run({ "--json", recipe })
  spec.eq(json.status, 0, json.stderr)
  local argv = jq(json.stdout, '.argv[] + "\\u0000"')
  spec.eq({ table.unpack(argv, #argv - #odd, #argv - 1) }, odd, "raw arguments")
  spec.eq(jq(json.stdout, '.kernel_parameters[] + "\\u0000"'), { "x=café" }, "kernel parameters")
  spec.truthy(jq(json.stdout, '.warnings[] + "\\u0000"')[1]:find("unchecked", 1, true), "warning")
  -- a terminal would act on these: they never reach the JSON, or anything
  for _, text in ipairs({ "tab\there", "bell\7", "\127del", "esc\27[8m" }) do
    local bad = launcher.write("control.lua", 'local acrn = require "acrn"\n'
      .. 'return acrn.vm { name = "odd", raw = { ' .. string.format("%q", text) .. " },\n"
      .. "  devices = { acrn.hostbridge {} } }\n")
    local refused = launcher.run({ "--json", bad })
    spec.eq(refused.status, 1, text)
    spec.truthy(refused.stderr:find("control character", 1, true), refused.stderr)
    spec.eq(refused.stdout, "", "no JSON")
  end
end)

spec.it("empty lists stay lists, and origins are there", function()
  local recipe = launcher.write("empty.lua", 'local acrn = require "acrn"\n'
    .. 'return acrn.vm { name = "e", devices = { acrn.hostbridge {} } }\n')
  local json = launcher.run({ "--json", recipe }).stdout
  spec.eq(jq(json, '(.warnings | type) + "\\u0000" + (.kernel_parameters | type) + "\\u0000"'),
    { "array", "array" }, "types")
  spec.eq(jq(json, '.origins.name + "\\u0000"'), { recipe .. ":2" }, "origin of the name")
  spec.eq(jq(json, '.devices[0].origin + "\\u0000"'), { recipe .. ":2" }, "origin of a device")
end)

spec.done()
