-- SPDX-License-Identifier: Apache-2.0
-- ACRN's own VMs import natively: each of tests/samples (the acrn-dm
-- arguments of ACRN's 22 sample command lines, 1.6.1, 2.7 and 3.3) imports
-- with `acrn-launch import --target REL` into a recipe without raw, and that
-- recipe, launched with -n, means the same: the same devices at the same
-- slots with the same configuration, the same options with the same values,
-- the same name.  The sameness is judged here on its own terms (slots as
-- numbers, host devices as numbers, options as a multiset), not by the
-- core that imports.  The three 2.7 samples that pass -U are refused for
-- 2.7, naming the UUID, and import for 2.6.
local spec = require "spec"
local launcher = require "launcher"

-- the host dry runs read facts from: CPUs with LAPIC ids 0, 2, 4, 6
local host = launcher.fake_root()

local dir = launcher.source .. "/tests/samples"

local read = spec.read

local has = spec.has

-- The arguments of a sample file: one a line, # lines are comments.
local function sample_words(path)
  local words = {}
  for line in read(path):gmatch("([^\n]*)\n") do
    if line:sub(1, 1) ~= "#" then
      words[#words + 1] = line
    end
  end
  return words
end

-- "3" "3:0" "0:3:0" as bus:slot:func numbers.
local function slot_key(text)
  local parts = {}
  for number in text:gmatch("[^:]+") do
    parts[#parts + 1] = tonumber(number, 10)
  end
  if #parts == 1 then
    return string.format("%d:%d:%d", 0, parts[1], 0)
  elseif #parts == 2 then
    return string.format("%d:%d:%d", 0, parts[1], parts[2])
  end
  return string.format("%d:%d:%d", parts[1], parts[2], parts[3])
end

-- A device's CONFIG with host devices written as numbers ("02/0/0" is
-- "2/0/0", "0/0f/0" is "0/15/0").
local function config_key(text)
  local pieces = {}
  for piece in (text .. ","):gmatch("([^,]*),") do
    local b, d, f = piece:match("^(%x+)/(%x+)/(%x+)$")
    if b then
      piece = string.format("%d/%d/%d", tonumber(b, 16), tonumber(d, 16), tonumber(f, 16))
    end
    pieces[#pieces + 1] = piece
  end
  return table.concat(pieces, ",")
end

-- What an argv means: { devices = { [slot] = "kind,config" }, options = {
-- ["key value"] = count }, name }.  An option takes the next word when it
-- does not start with '-' and is not the last word (the name).
local function meaning(words)
  local devices, options = {}, {}
  local i = 1
  while i < #words do
    local word, value = words[i], nil
    if words[i + 1]:sub(1, 1) ~= "-" and i + 1 < #words then
      value = words[i + 1]
      i = i + 1
    end
    if word == "-s" then
      local slot, rest = value:match("^([^,]*),(.*)$")
      devices[slot_key(slot)] = config_key(rest)
    else
      -- the kernel splits its command line at any run of spaces; COMn any case
      if word == "-B" then
        value = value:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
      elseif word == "-l" then
        value = value:lower()
      end
      local key = word .. (value and " " .. value or "")
      options[key] = (options[key] or 0) + 1
    end
    i = i + 1
  end
  return { devices = devices, options = options, name = words[#words] }
end

-- `acrn-launch import --target TARGET -- WORDS`.
local function import(target, words)
  local args = { "import", "--target", target, "--" }
  for _, word in ipairs(words) do
    args[#args + 1] = word
  end
  return launcher.run(args)
end

-- The argv `acrn-launch -n RECIPE` prints (program dropped).
local function dry_run(recipe_text, name)
  local path = launcher.write(name .. ".lua", recipe_text)
  local result = launcher.run({ "--root", host, "-n", path })
  spec.eq(result.status, 0, "acrn-launch -n: " .. result.stderr)
  local words = launcher.shell_words(result.stdout)
  table.remove(words, 1)
  return words
end

-- Imports `words` for `target`; the recipe means what `words` mean.
local function imports_natively(name, target, words)
  local result = import(target, words)
  spec.eq(result.status, 0, name .. ": " .. result.stderr)
  spec.truthy(not result.stdout:find("raw = {", 1, true), name .. ": the recipe has raw")
  spec.truthy(not result.stderr:find("kept in raw", 1, true), name .. ": " .. result.stderr)
  has(result.stdout, "target = \"" .. target .. "\",")
  local rendered = dry_run(result.stdout, name)
  local want, got = meaning(words), meaning(rendered)
  spec.eq(got.name, want.name, name .. ": the name")
  spec.eq(got.devices, want.devices, name .. ": the devices, slot by slot")
  spec.eq(got.options, want.options, name .. ": the options and their values")
end

local paths = {}
local pipe = assert(io.popen("ls " .. dir .. "/*.argv"))
for path in pipe:lines() do
  paths[#paths + 1] = path
end
pipe:close()
spec.eq(#paths, 22, "ACRN's 22 sample command lines")

local refused = 0
for _, path in ipairs(paths) do
  local name = path:match("([^/]+)%.argv$")
  local release = name:match("^([%d.]+)%-")
  local words = sample_words(path)
  local uuid
  for i, word in ipairs(words) do
    uuid = word == "-U" and words[i + 1] or uuid
  end
  if release == "2.7" and uuid then
    refused = refused + 1
    spec.it(name .. ": refused for 2.7, naming the UUID; imports for 2.6", function()
      local result = import("2.7", words)
      spec.eq(result.status, 1, "refused: " .. result.stderr)
      spec.eq(result.stdout, "", "no recipe")
      has(result.stderr, "-U " .. uuid .. ": uuid was removed in ACRN 2.7")
      imports_natively(name, "2.6", words)
    end)
  else
    spec.it(name .. ": imports natively for " .. release, function()
      imports_natively(name, release, words)
    end)
  end
end
spec.it("three 2.7 samples pass -U", function()
  spec.eq(refused, 3, "refused samples")
end)

spec.done()
