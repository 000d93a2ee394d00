-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import end to end: every example's command line, as the
-- launcher prints it, imported into a recipe that the launcher renders to
-- the same argv; the hand-written lines of tests/import through
-- `acrn-launch import --from`; and a pasted line launched for real through
-- the stand-in acrn-dm.
local spec = require "spec"
local launcher = require "launcher"
local import = require "acrn.import"

local root = launcher.source .. "/tests/golden/host"

local read = spec.read

local has = spec.has

-- The argv `acrn-launch -n` prints for `args` (program dropped).
local function dry_run(args)
  local run_args = { "-n", "--root", root }
  for _, arg in ipairs(args) do
    run_args[#run_args + 1] = arg
  end
  local result = launcher.run(run_args)
  spec.eq(result.status, 0, "acrn-launch -n " .. table.concat(args, " ") .. ": " .. result.stderr)
  local words = launcher.shell_words(result.stdout)
  spec.eq(table.remove(words, 1), launcher.stand_in, "program")
  return words, result.stdout
end

local counter = 0

-- Writes `text` to a fresh file; returns its path.
local function write(text)
  counter = counter + 1
  return launcher.write(string.format("import%d.lua", counter), text)
end

-- Every golden file names an example and its target.
local goldens = {}
local pipe = assert(io.popen("ls " .. launcher.source .. "/tests/golden/*.argv"))
for path in pipe:lines() do
  goldens[#goldens + 1] = path
end
pipe:close()
spec.truthy(#goldens >= 7, "golden files found")

for _, golden in ipairs(goldens) do
  local name, target = golden:match("([^/]+)%.argv$"):match("^([^@]+)@?(.*)$")
  spec.it("examples/" .. name .. ".lua" .. (target ~= "" and " for " .. target or "")
    .. ": import(render) renders the same argv", function()
    local args = target ~= "" and { "--target", target } or {}
    args[#args + 1] = launcher.source .. "/examples/" .. name .. ".lua"
    local argv = dry_run(args)
    spec.eq(argv, launcher.lines(read(golden)), "the example renders its golden argv")
    local description = import.read(argv)
    spec.eq(description.problems, {}, "problems")
    spec.eq(#description.raw, 0, "nothing raw")
    if target ~= "" then
      spec.eq(description.target, target, "the target inferred")
    end
    local recipe = write(import.recipe(description))
    spec.eq(dry_run({ recipe }), argv, "the imported recipe's argv")
  end)
end

spec.it("acrn-launch import --from reads the line -n printed, program and all", function()
  local argv, line = dry_run({ launcher.source .. "/examples/windows.lua" })
  local from = launcher.write("windows-line.txt", line)
  local recipe = launcher.dir .. "/windows-imported.lua"
  local result = launcher.run({ "import", "--from", from, "-o", recipe })
  spec.eq(result.status, 0, "import: " .. result.stderr)
  spec.eq(result.stdout, "", "nothing on stdout with -o")
  spec.eq(dry_run({ recipe }), argv, "same argv")
  has(read(recipe), "dm = \"" .. launcher.stand_in .. "\"")
end)

for _, shape in ipairs({ "windows-3.3", "rtvm-3.3", "kata-2.6", "gvt-2.7", "odd-spellings" }) do
  spec.it("acrn-launch import --from tests/import/" .. shape .. ".txt", function()
    local from = launcher.source .. "/tests/import/" .. shape .. ".txt"
    local result = launcher.run({ "import", "--from", from })
    spec.eq(result.status, 0, "import: " .. result.stderr)
    local expected = import.words_from_text(read(from)).words
    if expected[1]:match("acrn%-dm$") then
      table.remove(expected, 1)
    end
    local canonical = io.open(launcher.source .. "/tests/import/" .. shape .. ".argv")
    if canonical then
      expected = launcher.lines(canonical:read("a"))
      canonical:close()
    end
    spec.eq(dry_run({ write(result.stdout) }), expected, "the recipe renders the line")
  end)
end

spec.it("a pasted line, imported, launches the same VM", function()
  local line = "/usr/bin/acrn-dm -A -m 2048M -s 0:0,hostbridge -s 1:0,lpc -l com1,stdio "
    .. "-s 2,pci-gvt -G '64 448 8' -s 3,virtio-blk,/home/clear/uos/uos.img "
    .. "-s 4,virtio-net,tap0 -W -k /usr/lib/kernel/default-iot-lts2018 "
    .. "-B 'root=/dev/vda3 rw rootwait' uos1"
  local result = launcher.run({ "import", "--from", launcher.write("pasted.txt", line) })
  spec.eq(result.status, 0, "import: " .. result.stderr)
  has(result.stdout, "target = \"2.7\",")
  local launched = launcher.run({ write(result.stdout) })
  spec.eq(launched.status, 0, "launch: " .. launched.stderr)
  local expected = launcher.shell_words(line)
  table.remove(expected, 1)
  spec.eq(launched.argv, expected, "the argv acrn-dm received")
end)

spec.it("acrn-launch import -- ARGS: stdout, stderr and exit statuses", function()
  local result = launcher.run({ "import", "--", "-m", "1G", "-s", "0:0,hostbridge",
    "--unknown-option", "v" })
  spec.eq(result.status, 0, "ok: " .. result.stderr)
  has(result.stdout, "return acrn.vm {")
  has(result.stdout, "\"--unknown-option\",")
  has(result.stderr, "acrn-launch: import: warning: kept in raw")
  result = launcher.run({ "import", "--", "-m", "512", "-s", "0:0,hostbridge", "v" })
  spec.eq(result.status, 1, "bad memory")
  spec.eq(result.stdout, "", "no recipe")
  has(result.stderr, "memory \"512\" has no unit")
  result = launcher.run({ "import", "--", "-s", "0:0,hostbridge", "-s", "5,virtio-rnd",
    "-s", "5:0,wdt-i6300esb", "v" })
  spec.eq(result.status, 1, "duplicate slot")
  has(result.stderr, "already taken")
  result = launcher.run({ "import" })
  spec.eq(result.status, 2, "usage")
  has(result.stderr, "no command line")
  result = launcher.run({ "import", "--help" })
  spec.eq(result.status, 0, "help")
  has(result.stdout, "usage: acrn-launch import")
end)

spec.done()
