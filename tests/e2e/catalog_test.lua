-- SPDX-License-Identifier: Apache-2.0
-- The catalogue through acrn-launch: the generated reference, --target auto
-- (acrn-dm -v read once), and host facts under --root.
local spec = require "spec"
local launcher = require "launcher"

local has = spec.has

spec.it("doc/devices.md is what 'acrn-launch devices' prints", function()
  local result = launcher.run({ "devices" })
  spec.eq(result.status, 0, "exit status: " .. result.stderr)
  local file = assert(io.open(launcher.source .. "/doc/devices.md"))
  local checked_in = file:read("a")
  file:close()
  spec.truthy(result.stdout == checked_in,
    "doc/devices.md is stale: regenerate it with 'acrn-launch devices > doc/devices.md'")
end)

spec.it("devices --target shows what that release accepts", function()
  local old = launcher.run({ "devices", "--target", "2.6" }).stdout
  local new = launcher.run({ "devices", "--target=3.3" }).stdout
  has(old, "`acrn.pci_gvt` (`pci-gvt`)")
  spec.truthy(not old:find("`acrn.virtio_gpu`", 1, true), "no virtio-gpu on 2.6")
  has(new, "`acrn.virtio_gpu` (`virtio-gpu`)")
  spec.truthy(not new:find("`acrn.pci_gvt`", 1, true), "no pci-gvt on 3.3")
  spec.truthy(not new:find("`uuid`", 1, true), "no uuid on 3.3")
  local bad = launcher.run({ "devices", "-n" })
  spec.eq(bad.status, 2, "devices takes only --target")
end)

spec.it("a recipe named like a subcommand is run as ./devices", function()
  local dir = launcher.dir
  launcher.write("devices", 'local acrn = require "acrn"\n'
    .. 'return acrn.vm { name = "d", devices = { acrn.hostbridge {} } }\n')
  local result = launcher.run({ "-n", dir .. "/devices" })
  spec.eq(result.status, 0, result.stderr)
  has(result.stdout, " -s 0:0,hostbridge d")
end)

-- A stand-in acrn-dm that answers -v with `version` and records its argv.
local function versioned_dm(version)
  return launcher.write("dm-" .. tostring(#version), "#!/bin/sh\n"
    .. 'printf "%s\\n" "$@" >> "$ACRN_DM_RECORD"\n'
    .. 'if [ "$1" = -v ]; then printf "%s\\n" ' .. launcher.quote(version) .. "; fi\n", "755")
end

spec.it("--target auto reads acrn-dm -v once and renders for that release", function()
  local kata = launcher.source .. "/examples/kata-sandbox.lua"
  local cases = {
    { "DM version is: 2.6-20210923 (daily tag:acrn-2021w38.5-180000p), build by acrn@2021-09-23",
      "2.6" },
    { "DM version is: 2.7-20211215 (daily tag:acrn-2021w50), build by acrn@2021-12-15", "2.7" },
    { "DM: release_3.3-2024-08-15-10:00:00-dirty(tag: v3.3) build by acrn@2024-08-15", "3.3" },
    { "DM: --v3.2 build by builder@2023-08-01", "3.2" },
    -- what real builds print (1.6.1 and 3.3 from a release tag's tree)
    { "DM version is: 1.6-v1.6.1 (daily tag:v1.6.1), build by root@2026-12-02 06:52:11", "1.6.1" },
    { "DM: 3.3-stable--v3.3 build by root@2026-12-02 06:52:44", "3.3" },
    -- 3.0.1 and 3.0.2 print 3.01 and 3.02 (their VERSION's extra version)
    { "DM version is: 3.02-1a2b3c4 (daily tag:acrn-2022w30.5), build by acrn@2022-07-29",
      "3.0.2" },
    -- 2.5.1 prints 2.5, and reads 2.5's command line: said, and built for
    { "DM version is: 2.5-4d5e6f7 (daily tag:acrn-2021w32), build by acrn@2021-08-13", "2.5" },
  }
  for _, case in ipairs(cases) do
    local dm = versioned_dm(case[1])
    local result = launcher.run({ "-n", "--target", "auto", "--dm", dm, kata })
    spec.eq(result.status, 0, case[2] .. ": " .. result.stderr)
    if case[2] == "2.5" then
      has(result.stderr, "-v says 2.5: its patch releases print the same and read the same")
    end
    spec.eq(result.argv, { "-v" }, "acrn-dm ran once, with -v only")
    local uuid = result.stdout:find(" -U ", 1, true) ~= nil
    local before_27 = ({ ["1.6.1"] = true, ["2.5"] = true, ["2.6"] = true })[case[2]] == true
    spec.eq(uuid, before_27, "-U only before 2.7 (" .. case[2] .. ")")
    has(result.stdout, case[2]:match("^3") and "tap=tap0_kata" or ",tap0_kata,")
  end
end)

spec.it("--target auto stops when acrn-dm's answer cannot be read", function()
  local dm = versioned_dm("acrn-dm: unrecognized option")
  local result = launcher.run({ "-n", "--target", "auto", "--dm", dm,
    launcher.source .. "/examples/minimal.lua" })
  spec.eq(result.status, 1, "exit status")
  has(result.stderr, "acrn-dm: unrecognized option")
  has(result.stderr, "--target")
  dm = versioned_dm("DM version is: 4.1-20270101 (daily tag:x), build by y")
  result = launcher.run({ "-n", "--target", "auto", "--dm", dm,
    launcher.source .. "/examples/minimal.lua" })
  spec.eq(result.status, 1, "unknown release")
  has(result.stderr, "ACRN 4.1, which acrn-launch does not know")
  -- 1.6 and 1.6.1 print the same, and 1.6.1 added --cpu_affinity
  dm = versioned_dm("DM version is: 1.6-a1b2c3d (daily tag:acrn-2020w18.4-140000p), build by y")
  result = launcher.run({ "-n", "--target", "auto", "--dm", dm,
    launcher.source .. "/examples/minimal.lua" })
  spec.eq(result.status, 1, "1.6 or 1.6.1")
  has(result.stderr, "ACRN 1.6 or 1.6.1: acrn-dm -v prints the same for them")
  has(result.stderr, "give the release with --target")
  -- 3.x without root cannot read the ACPI tables and says nothing more
  dm = versioned_dm("Failed to parse the MADT table")
  result = launcher.run({ "-n", "--target", "auto", "--dm", dm,
    launcher.source .. "/examples/minimal.lua" })
  spec.eq(result.status, 1, "no release")
  has(result.stderr, "answers -v only where it can read /sys/firmware/acpi/tables/APIC")
end)

spec.it("cpus map to LAPIC ids through --root; a missing CPU is named", function()
  local root = launcher.source .. "/tests/golden/host"
  local recipe = launcher.write("cpus.lua", 'local acrn = require "acrn"\n'
    .. "return acrn.vm { name = \"v\", cpu_affinity = { cpus = { 1, 9 } },\n"
    .. "  devices = { acrn.hostbridge {} } }\n")
  local result = launcher.run({ "-n", "--root", root, recipe })
  spec.eq(result.status, 1, "exit status")
  has(result.stderr, "CPU 9 is not in " .. root .. "/proc/cpuinfo")
  result = launcher.run({ "-n", "--root", root, "--target", "2.7", recipe })
  spec.eq(result.status, 0, "2.7 takes CPU numbers as given: " .. result.stderr)
  has(result.stdout, "--cpu_affinity 1,9 ")
end)

spec.done()
