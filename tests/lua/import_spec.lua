-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: acrn-dm command lines become recipes that render the
-- same argv.  The hand-written lines of tests/import, every spelling acrn-dm
-- accepts, what the catalogue does not know (raw), lines acrn-dm refuses,
-- and a property test: random valid VMs made from the catalogue's data,
-- rendered, imported and rendered again.
local spec = require "spec"
local acrn = require "acrn"
local core = require "acrn.core"
local import = require "acrn.import"

local source = debug.getinfo(1, "S").source:match("^@(.-)/?tests/lua/[^/]*$")
assert(source, "run this spec by its path")
if source == "" then
  source = "."
end
-- cpu_affinity's CPU numbers map to LAPIC ids through this tree's cpuinfo
acrn.session.begin(acrn.session.new { root = source .. "/tests/golden/host" })

local read = spec.read

local function lines(text)
  local list = {}
  for line in text:gmatch("([^\n]*)\n") do
    list[#list + 1] = line
  end
  return list
end

-- The VM a recipe text returns.
local function run_recipe(text)
  local chunk = assert(load(text, "=recipe", "t"))
  return chunk()
end

-- parse, recipe, run the recipe: the argv it renders, and the description.
local function round_trip(argv, options)
  local description = import.read(argv, options)
  if #description.problems > 0 then
    error("problems: " .. table.concat(description.problems, " | "), 2)
  end
  local text = import.recipe(description)
  local ok, vm = pcall(run_recipe, text)
  if not ok then
    error(tostring(vm) .. "\n" .. text, 2)
  end
  local rendered_ok, argv2 = pcall(vm.argv, vm)
  if not rendered_ok then
    error(tostring(argv2) .. "\n" .. text, 2)
  end
  return argv2, description, text
end

local has = spec.has

local function joined(list)
  return table.concat(list, "\n")
end

-- ---------------------------------------------------------------------------
-- The hand-written lines

local SHAPES = { "windows-3.3", "rtvm-3.3", "kata-2.6", "gvt-2.7", "odd-spellings" }

for _, shape in ipairs(SHAPES) do
  spec.it("tests/import/" .. shape .. ".txt renders back as written", function()
    local found, why = import.words_from_text(read(source .. "/tests/import/" .. shape
      .. ".txt"))
    spec.truthy(found, why)
    local words = found.words
    local expected = { table.unpack(words) }
    if expected[1]:match("acrn%-dm$") then
      table.remove(expected, 1)
    end
    local canonical = io.open(source .. "/tests/import/" .. shape .. ".argv")
    if canonical then
      expected = lines(canonical:read("a"))
      canonical:close()
    end
    local argv, description = round_trip(words)
    spec.eq(argv, expected, shape)
    spec.eq(#description.raw, 0, "nothing raw")
    local release = shape:match("%-(%d+%.%d+)$")
    if release then
      spec.eq(description.target, release, "inferred target")
    end
  end)
end

spec.it("the targets inferred, and how they were chosen", function()
  local function how(shape)
    local words = import.words_from_text(read(source .. "/tests/import/" .. shape .. ".txt")).words
    local description = import.read(words)
    return description.target, description.target_how
  end
  local target, text = how("kata-2.6")
  spec.eq(target, "2.6", "-U")
  has(text, "-U a7ada506")
  has(text, "(up to 2.6)")
  target, text = how("gvt-2.7")
  spec.eq(target, "2.7", "gvt")
  has(text, "-s 4,virtio-net,tap0 (up to 2.7)")
  has(text, "-W (up to 2.7)")
  has(text, "-s 2,pci-gvt (up to 2.7)")
  target, text = how("windows-3.3")
  spec.eq(target, "3.3", "windows")
  has(text, "mq=4")
  target, text = how("odd-spellings")
  spec.eq(target, "2.7", "odd")
  has(text, "-s 6,virtio-net,tap1,mac=02:00:00:00:00:09 (up to 2.7)")
  local description = import.read({ "-A", "-m", "1G", "-s", "0:0,hostbridge", "v" })
  spec.eq(description.target, "2.7", "-A alone: the newest release that acts on it")
  has(description.target_how, "-A (ignored from 3.0)")
  description = import.read({ "-m", "1G", "-s", "0:0,hostbridge", "v" })
  spec.eq(description.target, acrn.defaults.target, "no clue: the default")
  has(description.target_how, "the default")
  description = import.read({ "-s", "0:0,hostbridge", "-s", "3,virtio-net,tap=tap0", "v" })
  spec.eq(description.target, "3.3", "tap= is 3.x")
  description = import.read({ "-s", "0:0,hostbridge", "--ssram", "v" })
  spec.eq(description.target, "2.7", "bare --ssram")
  description = import.read({ "-s", "0:0,hostbridge", "--psram", "v" })
  spec.eq(description.target, "2.4", "--psram")
  spec.eq(description.fields.ssram, true, "--psram is ssram by its old name")
  description = import.read({ "-s", "0:0,hostbridge", "--acpidev_pt", "MSFT0101,uid=0", "v" })
  spec.eq(description.target, "3.3", "a UID is 3.3's")
  description = import.read({ "-s", "0:0,hostbridge", "-s", "3,npk,8/24", "v" })
  spec.eq(description.target, "2.7", "npk is up to 2.7")
  description = import.read({ "-s", "0:0,hostbridge", "-s", "3,virtio-gpu", "-s",
    "4,virtio-net,tap0", "v" }, {})
  spec.truthy(#description.problems > 0, "virtio-gpu (3.0+) with a bare tap (up to 2.7)")
  has(description.problems[1], "no ACRN release accepts all of")
  has(description.problems[1], "(3.0 and later)")
  description = import.read({ "-s", "0:0,hostbridge", "a-very-long-vm-name" })
  spec.eq(description.target, "2.6", "a name longer than 15 bytes")
end)

spec.it("--target decides, and a line for another release is converted", function()
  local argv, description = round_trip({ "-s", "0:0,hostbridge", "-s", "3,virtio-net,tap0",
    "-W", "v" }, { target = "3.3" })
  spec.eq(description.target, "3.3", "given")
  spec.eq(description.target_how, "given with --target", "how")
  spec.eq(argv, { "-s", "0:0,hostbridge", "-s", "3,virtio-net,tap=tap0", "--virtio_msi", "v" },
    "rendered for 3.3")
  has(joined(description.warnings),
    "-s 3,virtio-net,tap0 is written for ACRN up to 2.7; the recipe renders it for 3.3")
  description = import.read({ "-U", "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f", "-s",
    "0:0,hostbridge", "v" }, { target = "3.3" })
  has(joined(description.problems), "uuid was removed in ACRN 2.7 (target 3.3)")
end)

-- ---------------------------------------------------------------------------
-- Spellings

spec.it("short and long options, = and glued values, prefixes, clusters", function()
  local function fields_of(argv)
    local description = import.read(argv)
    spec.eq(description.problems, {}, "problems")
    return description.fields, description
  end
  local forms = {
    { "-m", "512M" }, { "-m512M" }, { "--memsize", "512M" }, { "--memsize=512M" },
    { "--mem=512M" }, { "--memsize", "512M", "-m", "512M" },
  }
  for _, form in ipairs(forms) do
    local argv = { table.unpack(form) }
    argv[#argv + 1] = "-s"
    argv[#argv + 1] = "0:0,hostbridge"
    argv[#argv + 1] = "v"
    spec.eq(fields_of(argv).memory, "512M", table.concat(form, " "))
  end
  local fields = fields_of({ "-AWY", "-s", "0:0,hostbridge", "v" })
  spec.eq({ fields.acpi, fields.virtio_msi, fields.mptgen }, { true, true, true }, "-AWY")
  fields = fields_of({ "-Am1G", "-s", "0:0,hostbridge", "v" })
  spec.eq({ fields.acpi, fields.memory }, { true, "1G" }, "-Am1G")
  fields = fields_of({ "-W", "-W", "-s", "0:0,hostbridge", "v" })
  spec.eq({ fields.virtio_msi, fields.virtio_msix }, { true, nil },
    "-W twice is acrn-dm's one option, the catalogue's virtio_msi")
  -- after --, a word is the name even when it starts with -; acrn-launch
  -- puts the name last without --, so such a name is reported, not written
  local _, description = nil, import.read({ "-s", "0:0,hostbridge", "--rtvm", "--", "-x" })
  spec.eq(description.name, "-x", "after --, a word is the name even when it starts with -")
  has(joined(description.problems), "starts with '-'")
  spec.eq(description.fields.rtvm, true, "options after the name")
  _, description = fields_of({ "--pci_slot=0:0,hostbridge", "--pci=1:0,lpc", "-lcom1,stdio",
    "--lpc", "com2", "--ker=/k", "--boot", "a b", "v" })
  spec.eq(#description.devices, 2, "--pci_slot= and its prefix")
  spec.eq(description.devices[2].fields, { com1 = "stdio", com2 = "" }, "-l glued and --lpc")
  spec.eq({ description.fields.kernel, description.fields.bootargs }, { "/k", { "a", "b" } },
    "prefixes of --kernel and --bootargs")
end)

spec.it("slots as 3, 3:0, 0:3:0, and passthrough devices in every form", function()
  local slots = { ["3"] = { 0, 3, 0 }, ["3:0"] = { 0, 3, 0 }, ["0:3:0"] = { 0, 3, 0 },
    ["3:2"] = { 0, 3, 2 }, ["1:3:2"] = { 1, 3, 2 }, ["03"] = { 0, 3, 0 } }
  for text, place in pairs(slots) do
    local description = import.read({ "-s", "0:0,hostbridge", "-s", text .. ",virtio-rnd", "v" })
    local device = description.devices[2]
    spec.eq({ device.bus, device.slot, device.func }, place, text)
  end
  local argv = round_trip({ "-s", "0:0,hostbridge", "-s", "3,passthru,00:1f.3",
    "-s", "4,passthru,0/1f/2", "-s", "5,passthru,0000:00:14.0", "-s", "1:0:3,virtio-rnd", "v" })
  spec.eq(argv, { "-s", "0:0,hostbridge", "-s", "3,passthru,0/1f/3", "-s", "4,passthru,0/1f/2",
    "-s", "5,passthru,0/14/0", "-s", "1:0:3,virtio-rnd", "v" }, "normalised")
  local description = import.read({ "-s", "0:0,hostbridge", "-s", "3x,virtio-rnd", "v" })
  spec.eq(description.devices[2].slot, 3, "3x is slot 3, as acrn-dm reads it")
  has(joined(description.warnings), "read as 0:3:0")
end)

spec.it("every emulation and its special grammar", function()
  local argv = { "-m", "1G", "-s", "0:0,hostbridge", "-s", "1:0,lpc", "-l", "com1,stdio",
    "-l", "com2,/dev/ttyS1", "-l", "com3", "-l", "com4,tcp:4444",
    "-l", "com5,/dev/ttyS5,0x3e8,7",
    "-s", "3,virtio-console,@pty:pty_port,socket:s1=/run/s.sock:client,file:log=/tmp/l,"
      .. "tty:t1=/dev/pts/1",
    "-s", "4,uart,vuart_idx:3", "-s", "5,uart,tcp:5555",
    "-s", "6,xhci,tablet:log=I:cap=apl",
    "-s", "7,ahci,hd:/a.img,writeback,cd:/b.iso,ro",
    "-s", "8,ahci-hd,/c.img,ro,writethru", "-s", "9,ahci-cd,/d.iso",
    "-s", "10,virtio-i2c,0:1c:2d,3",
    "-s", "11,virtio-gpio,@gpiochip0{3:reset=vreset}@gpiochip1{power}",
    "-s", "12,virtio-gpu,geometry=1920x1080+0+0,geometry=fullscreen:1",
    "-s", "13,vhost-vsock,cid=3", "-s", "14,ivshmem,hv:/shm0,2,1", "-s", "15,ivshmem,dm:/x,512",
    "-s", "16,passthru,0/2/0,keep_gsi,no_reset,d3hot_reset,vmsix_on_msi,2,enable_ptm,"
      .. "romfile=/rom,irq=5,dsdt=/d.aml",
    "-s", "17,virtio-blk,iothread=2,mq=2,/e.img,ro,writethru,discard=8:1:0,sectorsize=512/4096,"
      .. "range=2048/204800,nocache,no_bst_block,aio=threads",
    "-s", "18,virtio-net,tap=tap9,mac_seed=seed9",
    "-s", "19,virtio-input,/dev/input/event1", "-s", "20,virtio-audio,a,b=c",
    "-s", "21,dummy", "-s", "22,virtio-rpmb,physical_rpmb", "-s", "23,virtio-heci,0/f/0,d2",
    "-s", "31,igd-lpc",
    "--cpu_affinity", "0,2", "--virtio_poll", "1000", "--intr_monitor", "1,2,3,4",
    "--enable_trusty", "--debugexit",
    "--acpidev_pt", "MSFT0101,uid=0", "--acpidev_pt", "INT34C5",
    "--mmiodev_pt", "0xfe000000,0x1000", "--mmiodev_pt", "0xfd000000,0x2000",
    "-E", "/zephyr.elf", "v" }
  local rendered, description = round_trip(argv)
  spec.eq(description.target, "3.3", "target")
  spec.eq(#description.raw, 0, "raw")
  local expected = { table.unpack(argv) }
  -- ivshmem's name comes from the catalogue; com3 renders without a comma
  spec.eq(rendered, expected, "rendered back")
  local lpc = description.devices[2].fields
  spec.eq(lpc.com5, { backend = "/dev/ttyS5", ioport = 0x3e8, irq = 7 }, "com5")
  spec.eq(description.devices[3].fields.ports[2],
    { backend = "socket", name = "s1", path = "/run/s.sock", mode = "client" }, "socket port")
end)

spec.it("a recipe is readable: one device per line, fields in order, no defaults", function()
  local _, description, text = round_trip({ "-m", "2048M", "-s", "0:0,hostbridge",
    "-s", "1:0,lpc", "-l", "com1,stdio", "-s", "5,virtio-blk,/img,ro,writeback",
    "-s", "6,virtio-console,@pty:pty_port", "-k", "/k", "-B", "root=/dev/vda1 rw", "vm1" })
  spec.eq(description.target, acrn.defaults.target, "target")
  has(text, "  name = \"vm1\",\n")
  has(text, "  target = \"3.3\",\n")
  has(text, "  memory = \"2048M\",\n")
  has(text, "  bootargs = { \"root=/dev/vda1\", \"rw\" },\n")
  has(text, "    acrn.hostbridge {},\n")
  has(text, "    acrn.lpc { com1 = \"stdio\" },\n")
  has(text, "    acrn.virtio_blk { path = \"/img\", ro = true, cache = \"writeback\", "
    .. "slot = 5 },\n")
  has(text, "    acrn.virtio_console { ports = { { backend = \"pty\", console = true } }, "
    .. "slot = 6 },\n")
  spec.truthy(not text:find("func", 1, true) and not text:find("bus", 1, true), "no func or bus")
  spec.truthy(text:find("name = \"vm1\".*target.*memory.*kernel.*bootargs.*devices"),
    "VM fields in the catalogue's order")
  local _, other = round_trip({ "-s", "0:0,hostbridge", "-s", "31:0,lpc", "-s", "2:1:0,virtio-rnd",
    "-s", "4:3,wdt-i6300esb", "v" })
  text = import.recipe(other)
  has(text, "acrn.lpc { slot = 31 }")
  has(text, "acrn.virtio_rnd { bus = 2, slot = 1 }")
  has(text, "acrn.wdt { slot = 4, func = 3 }")
end)

spec.it("what the catalogue does not know is kept in raw, and said", function()
  local argv, description, text = round_trip({ "-m", "1G", "-s", "0:0,hostbridge",
    "--enable_sgx", "2", "-s", "3,virtio-foo,x", "-X", "-s", "4,virtio-blk,/img,iothread=2@1/2",
    "-s", "5,passthru,0/2/0,prefer_msi", "--logger_setting", "foo,level=3", "-c", "2", "--zzz=1",
    "v" }, { target = "3.3" })
  spec.eq(argv, { "-m", "1G", "-s", "0:0,hostbridge", "--enable_sgx", "2", "-s",
    "3,virtio-foo,x", "-X", "-s", "4,virtio-blk,/img,iothread=2@1/2",
    "-s", "5,passthru,0/2/0,prefer_msi", "--logger_setting", "foo,level=3", "-c", "2",
    "--zzz=1", "v" }, "raw goes last, in the order given")
  local words = {}
  for _, entry in ipairs(description.raw) do
    words[#words + 1] = table.concat(entry.words, " ")
  end
  spec.eq(words, { "--enable_sgx 2", "-s 3,virtio-foo,x", "-X",
    "-s 4,virtio-blk,/img,iothread=2@1/2", "-s 5,passthru,0/2/0,prefer_msi",
    "--logger_setting foo,level=3", "-c 2", "--zzz=1" }, "raw entries")
  local warnings = joined(description.warnings)
  has(warnings, "kept in raw (not an option the catalogue knows): --enable_sgx 2")
  has(warnings, "emulation \"virtio-foo\" is not in the catalogue")
  has(warnings, "virtio-blk: iothread \"2@1/2\" is not a number")
  has(warnings, "passthru: \"prefer_msi\" is not a piece of its configuration")
  has(warnings, "--logger_setting: foo is not a logger the catalogue knows")
  has(text, "  raw = {\n")
  has(text, "    -- emulation \"virtio-foo\" is not in the catalogue\n")
  has(text, "    \"-s\", \"3,virtio-foo,x\",\n")
  description = import.read({ "-s", "0:0,hostbridge", "-l", "com1,stdio", "-G", "1 2 3", "v" })
  has(joined(description.warnings), "no lpc device for it to belong to")
  has(joined(description.warnings), "no pci-gvt device for it to belong to")
  spec.eq(#description.raw, 2, "-l and -G without their device")
end)

spec.it("a line acrn-dm would refuse is reported as such", function()
  local function problems(argv)
    return joined(import.read(argv).problems)
  end
  has(problems({ "-s", "0:0,hostbridge", "-s", "3,virtio-rnd", "-s", "3:0,wdt-i6300esb", "v" }),
    "-s 3:0,wdt-i6300esb: slot 0:3:0 is already taken by -s 3,virtio-rnd")
  has(problems({ "-m", "512", "-s", "0:0,hostbridge", "v" }),
    "memory \"512\" has no unit")
  has(problems({ "-m", "0800M", "-s", "0:0,hostbridge", "v" }), "octal")
  has(problems({ "-m", "1T", "-s", "0:0,hostbridge", "v" }), "memory \"1T\"")
  has(problems({ "-s", "0:0,hostbridge" }), "no VM name")
  has(problems({ "-s", "0:0,hostbridge", "a", "b" }), "acrn-dm takes one VM name")
  has(problems({ "-s", "3", "-s", "0:0,hostbridge", "v" }), "-s 3: has no emulation")
  has(problems({ "-s", "0:0,hostbridge", "--logger_setting", "console", "v" }),
    "console is not NAME,level=N (acrn-dm crashes on it)")
  has(problems({ "-s", "x,virtio-rnd", "-s", "0:0,hostbridge", "v" }), "is not a slot")
  has(problems({ "-s", "32,virtio-rnd", "-s", "0:0,hostbridge", "v" }), "out of range")
  has(problems({ "--rtvm=1", "-s", "0:0,hostbridge", "v" }), "--rtvm takes no value")
  has(problems({ "--virtio_m", "-s", "0:0,hostbridge", "v" }), "--virtio_m is ambiguous")
  has(problems({ "-s", "0:0,hostbridge", "v", "-m" }), "-m needs a value")
  has(problems({ "-v" }), "acrn-dm prints its version")
  has(problems({ "-s", "0:0,hostbridge", "-s", "3,virtio-console,pty", "v" }),
    "has no BACKEND:NAME")
  has(problems({ "-s", "3,virtio-rnd", "v" }), "the VM has no host bridge")
  has(problems({ "-s", "0:0,hostbridge", "-s", "3,virtio-blk,/a,ro",
    "-s", "4,virtio-net,tap=tap0,mac=01:00:00:00:00:01", "v" }),
    "not a valid VM for ACRN 3.3: -s 4,virtio-net,tap=tap0,mac=01:00:00:00:00:01: mac")
end)

spec.it("a kernel command line that no list can hold stays whole", function()
  local argv, description = round_trip({ "-s", "0:0,hostbridge", "-B", "a=\"b\"c d", "v" })
  spec.eq(argv, { "-s", "0:0,hostbridge", "-B", "a=\"b\"c d", "v" }, "raw -B")
  spec.eq(description.raw[1].words, { "-B", "a=\"b\"c d" }, "kept raw")
  argv = round_trip({ "-s", "0:0,hostbridge", "-B", "dyndbg=\"file x +p\" quiet", "v" })
  spec.eq(argv[4], "dyndbg=\"file x +p\" quiet", "quoted values with spaces as a list")
  description = import.read({ "-s", "0:0,hostbridge", "-B", "", "v" })
  spec.eq(description.fields.bootargs, nil, "empty")
  has(joined(description.warnings), "an empty kernel command line")
end)

spec.it("a recipe cannot be made to run code by the command line", function()
  local nasty = "x\n}\nos.exit(3)\n--"
  local description = import.read({ "-s", "0:0,hostbridge", "-k", nasty, "--foo\nos.exit(4)",
    "v" })
  local text = import.recipe(description)
  for line in text:gmatch("[^\n]+") do
    spec.truthy(not line:match("^os%.exit"), "a line of its own: " .. line)
  end
  local vm = run_recipe(text)
  spec.eq(vm.kernel, nasty, "the value survives")
end)

-- ---------------------------------------------------------------------------
-- Reading files

spec.it("a launch script's log line, with the unquoted -B and -G put back together", function()
  local words = import.words_from_text("boot log\n"
    .. "x.sh[1]: Launch device model with parameters: /usr/bin/acrn-dm -A -m 2048M "
    .. "-s 0:0,hostbridge -s 2,pci-gvt -G 64 448 8 -k /k -B root=/dev/vda1 rw quiet "
    .. "--windows uos1\n"
    .. "more log\n").words
  spec.eq(words, { "/usr/bin/acrn-dm", "-A", "-m", "2048M", "-s", "0:0,hostbridge", "-s",
    "2,pci-gvt", "-G", "64 448 8", "-k", "/k", "-B", "root=/dev/vda1 rw quiet", "--windows",
    "uos1" }, "words")
end)

spec.it("a shell command: quotes, continuations, comments, variables", function()
  local found = import.words_from_text([[
#!/bin/bash
# start the VM
mem=2048M
taskset -c 1 /usr/bin/acrn-dm -m $mem \
  -s 0:0,hostbridge -B "root=/dev/vda1 \"q\" rw" --ovmf 'w,/a b.fd' \
  uos1 2>&1 | tee /tmp/log   # and log it
echo done
]])
  local words, warnings = found.words, found.warnings
  spec.eq(words, { "/usr/bin/acrn-dm", "-m", "2048M", "-s", "0:0,hostbridge", "-B",
    "root=/dev/vda1 \"q\" rw", "--ovmf", "w,/a b.fd", "uos1" }, "words")
  has(joined(warnings), "the script also runs tee on the host")
  spec.eq(import.words_from_text("-m 1G -s 0:0,hostbridge v").words,
    { "-m", "1G", "-s", "0:0,hostbridge", "v" }, "bare arguments")
  local none, why = import.words_from_text("a\nb\n")
  spec.eq(none, nil, "no acrn-dm")
  has(why, "no acrn-dm command found")
  none, why = import.words_from_text("acrn-dm -B 'x")
  spec.eq(none, nil, "unterminated")
  has(why, "unterminated")
end)

-- ---------------------------------------------------------------------------
-- One knowledge of acrn-dm

spec.it("import's Lua spells no acrn-dm option: the core reads them", function()
  local names = { "memsize", "pci_slot", "%-%-logger_setting", "elf_file", "gvtargs", "ioc_node",
    "virtio_msix", "mptgen", "%-%-ovmf", "\"%-m\"", "\"%-s\"", "\"%-l\"", "\"%-G\"", "\"%-B\"",
    "tap=", "mac_seed=", "vuart_idx", "level=" }
  local pipe = assert(io.popen("ls " .. source .. "/scripts/acrn/import/*.lua"))
  local files = 0
  for path in pipe:lines() do
    files = files + 1
    local text = read(path)
    for _, name in ipairs(names) do
      spec.truthy(not text:find(name), path .. " spells " .. name)
    end
  end
  pipe:close()
  spec.truthy(files >= 2, "import's modules found")
end)

-- ---------------------------------------------------------------------------
-- main

-- Runs `acrn-launch import ARGS` (acrn.cli.main) with stdout and stderr
-- captured: { status, out, err }.
local function main(args)
  local out, err = {}, {}
  local real_out, real_err = io.stdout, io.stderr
  local function sink(list)
    return { write = function(self, ...)
      for _, piece in ipairs({ ... }) do
        list[#list + 1] = piece
      end
      return self
    end }
  end
  rawset(io, "stdout", sink(out))
  rawset(io, "stderr", sink(err))
  local ok, status = pcall(require("acrn.cli").main, { "import", table.unpack(args) })
  rawset(io, "stdout", real_out)
  rawset(io, "stderr", real_err)
  assert(ok, status)
  return { status = status, out = table.concat(out), err = table.concat(err) }
end

spec.it("main: usage, --help, -o, --from and the exit statuses", function()
  local result = main({})
  spec.eq(result.status, 2, "nothing")
  has(result.err, "no command line")
  result = main({ "-m", "1G" })
  spec.eq(result.status, 2, "no --")
  has(result.err, "unknown option -m (put ACRN-DM-ARGS after --)")
  result = main({ "--target", "9.9", "--", "v" })
  spec.eq(result.status, 2, "unknown target")
  has(result.err, "unknown target \"9.9\"")
  result = main({ "--from", "/nonexistent", "--", "v" })
  spec.eq(result.status, 2, "both")
  has(result.err, "not both")
  result = main({ "--help" })
  spec.eq(result.status, 0, "help")
  has(result.out, "usage: acrn-launch import")
  result = main({ "--", "-m", "1G", "-s", "0:0,hostbridge", "--foo", "v" })
  spec.eq(result.status, 0, "ok")
  has(result.out, "return acrn.vm {")
  has(result.err, "acrn-launch: import: warning: kept in raw")
  result = main({ "--target=2.7", "--", "-s", "0:0,hostbridge", "-s", "3,virtio-rnd",
    "-s", "3,wdt-i6300esb", "v" })
  spec.eq(result.status, 1, "refused")
  spec.eq(result.out, "", "no recipe for a refused line")
  has(result.err, "acrn-launch: import: -s 3,wdt-i6300esb: slot 0:3:0 is already taken")
  result = main({ "--from", "/nonexistent/line.txt" })
  spec.eq(result.status, 1, "unreadable")
  has(result.err, "cannot read \"/nonexistent/line.txt\"")
  local path = os.tmpname()
  result = main({ "--from", source .. "/tests/import/kata-2.6.txt", "-o", path })
  spec.eq(result.status, 0, "-o")
  spec.eq(result.out, "", "nothing on stdout with -o")
  local vm = run_recipe(read(path))
  os.remove(path)
  -- --target auto asks acrn-dm -v, as the launcher does
  local dm = os.tmpname()
  local file = assert(io.open(dm, "w"))
  file:write("#!/bin/sh\necho 'DM version is: 2.5-unstable-20210601 (daily tag:acrn-2021w22.3), "
    .. "build by acrn@2021-06-01'\n")
  file:close()
  os.execute("chmod 755 " .. dm)
  local session = acrn.session.current()
  acrn.session.begin(acrn.session.new { root = session.root, dm = dm })
  result = main({ "--target", "auto", "--", "-s", "0:0,hostbridge", "v" })
  acrn.session.begin(session)
  os.remove(dm)
  spec.eq(result.status, 0, "auto: " .. result.err)
  has(result.out, "target = \"2.5\",")
  has(result.out, "-- target 2.5, given with --target auto: what acrn-dm -v says")
  spec.eq(vm:plan().target, "2.6", "the recipe written")
end)

-- ---------------------------------------------------------------------------
-- The property: random valid VMs from the catalogue render, import and
-- render again to the same argv

-- deterministic; IMPORT_SEED and IMPORT_VMS explore further
local SEED = tonumber(os.getenv("IMPORT_SEED") or "") or 20241125
local COUNT = tonumber(os.getenv("IMPORT_VMS") or "") or 200
math.randomseed(SEED)

local function pick(list)
  return list[math.random(#list)]
end

local STRINGS = { "x1", "seed7", "512", "4096/512", "2048/204800", "8:1:0", "1920x1080+0+0",
  "fullscreen:0", "512K", "2M", "pty,/run/acrn/pm", "tty,/dev/ttyS2", "info", "reset=vreset",
  "3", "power", "MSFT0101", "PNP0501", "INT34C5", "1-2", "64 448 8", "gpiochip0", "k1" }
local PATHS = { "/var/lib/acrn/a.img", "/dev/nvme0n1p2", "/run/acrn/x.sock",
  "/usr/share/acrn/bios/OVMF.fd", "/boot/bzImage", "/dev/input/event3", "/dev/pts/4" }

local generate

-- A random value of `field` (catalogue data), maybe not valid: callers
-- keep what the core accepts.
generate = function(field, target)
  local kind = field.type
  if field.flag_ok and math.random() < 0.3 then
    return true
  end
  if kind == "boolean" then
    return true
  elseif kind == "integer" then
    local span = math.min(field.max - field.min, 600)
    local value = field.min + math.random(0, span)
    if math.random() < 0.2 then
      value = field.max
    end
    return value
  elseif kind == "choice" then
    return pick(field.choices)
  elseif kind == "path" then
    return pick(PATHS) .. (math.random() < 0.5 and "" or tostring(math.random(9)))
  elseif kind == "ifname" then
    return pick({ "tap", "vmnet", "tap_" }) .. math.random(0, 99)
  elseif kind == "mac" then
    return string.format("02:%02x:%02x:%02x:%02x:%02x", math.random(0, 255),
      math.random(0, 255), math.random(0, 255), math.random(0, 255), math.random(1, 255))
  elseif kind == "uuid" then
    return core.uuid()
  elseif kind == "memory" then
    return pick({ "2048M", "1G", "512m", "4g", 1024, "131072k", "256M" })
  elseif kind == "bootargs" then
    return pick({ "root=/dev/vda1 rw", { "console=ttyS0", "quiet" },
      "dyndbg=\"file x +p\" console=tty0 console=hvc0", acrn.kparams.new("a=1 b") })
  elseif kind == "uart" then
    return pick({ "stdio", "tcp:4444", "/dev/ttyS1", "" })
  elseif kind == "bdf" then
    local bus, device, func = math.random(0, 255), math.random(0, 31), math.random(0, 7)
    return pick({ string.format("%02x:%02x.%x", bus, device, func),
      string.format("%x/%x/%x", bus, device, func) })
  elseif kind == "list" then
    local list = {}
    for i = 1, math.random(1, 3) do
      list[i] = generate(field.element, target)
    end
    return list
  elseif kind == "record" or kind == "records" then
    local records = {}
    for i = 1, kind == "record" and 1 or math.random(1, 2) do
      local record = {}
      for _, inner in ipairs(field.fields) do
        if inner.required or math.random() < 0.5 then
          record[inner.name] = generate(inner, target)
        end
      end
      records[i] = record
    end
    return kind == "record" and records[1] or records
  end
  return pick(STRINGS)
end

local function supports(item, target)
  return core.accepts(target, item) ~= "no"
end

-- A random device of `emulation` that the core renders for `target`, or nil.
local function random_device(emulation, target)
  for _ = 1, 30 do
    local fields = {}
    for _, field in ipairs(emulation.fields) do
      -- what is found at launch imports as what it found: not generated
      if not field.at_launch and (field.required or math.random() < 0.4) then
        fields[field.name] = generate(field, target)
      end
    end
    local ok, device = pcall(acrn[emulation.constructor], fields)
    if ok and core.render(device, target) then
      return fields
    end
  end
  return nil
end

-- A random VM valid for a random target, and that target.
local function random_vm()
  while true do
    local target = pick(acrn.targets)
    local name = "vm"
    for _ = 1, math.random(0, 12) do
      name = name .. pick({ "a", "b", "z", "0", "9", "_", ".", "-" })
    end
    local devices = { math.random() < 0.1 and acrn.amd_hostbridge { slot = 0 }
      or acrn.hostbridge {} }
    local taken = { [0] = true }
    if math.random() < 0.7 then
      local fields = random_device(acrn.emulations.lpc, target) or {}
      devices[#devices + 1] = acrn.lpc(fields)
      taken[1] = true
    end
    local kinds = {}
    for _, emulation in ipairs(acrn.catalog.emulations) do
      if supports(emulation, target) and emulation.kind ~= "hostbridge"
        and emulation.kind ~= "amd_hostbridge" and emulation.kind ~= "lpc" then
        kinds[#kinds + 1] = emulation
      end
    end
    for _ = 1, math.random(0, 7) do
      local emulation = pick(kinds)
      local fields = random_device(emulation, target)
      if fields then
        local roll = math.random()
        if roll < 0.3 then
          local slot = math.random(2, 31)
          if not taken[slot] then
            fields.slot, taken[slot] = slot, true
          end
        elseif roll < 0.4 then
          fields.bus, fields.slot, fields.func = math.random(1, 3), math.random(0, 31),
            math.random(0, 7)
        end
        devices[#devices + 1] = acrn[emulation.constructor](fields)
      end
    end
    local vm = acrn.vm { name = name, target = target, devices = devices }
    -- one acrn-dm option, two catalogue names: -W, --psram
    local alias = { virtio_msix = "virtio_msi", virtio_msi = "virtio_msix", psram = "ssram",
      ssram = "psram" }
    for _, option in ipairs(acrn.catalog.options) do
      if math.random() < 0.2 and option.name ~= "raw" and vm[alias[option.name] or ""] == nil then
        -- a value valid for the target on its own, when one comes up
        for _ = 1, 20 do
          local value = generate(option, target)
          if option.name == "cpu_affinity" then
            -- CPUs 0 and 2 of the golden host: numbers that are LAPIC ids
            -- too, as an import for another release reads them
            value = { [pick({ "cpus", "lapic_ids" })] = pick({ { 0, 2 }, { 2 }, { 0 } }) }
          end
          local alone = acrn.vm { name = "v", target = target, devices = { acrn.hostbridge {} } }
          alone[option.name] = value
          if alone:check() then
            vm[option.name] = value
            break
          end
        end
      end
    end
    if math.random() < 0.1 then
      vm.raw = pick({ { "--x-extra" }, { "--x-opt", "val" }, { "-Q" } })
    end
    if vm:check() then
      return vm, target
    end
  end
end

spec.it(COUNT .. " random valid VMs: import(render(vm)) renders the same argv", function()
  local raw = 0
  for i = 1, COUNT do
    local vm, target = random_vm()
    local argv = vm:argv()
    local ok, rendered, description = pcall(round_trip, argv)
    if not ok then
      error(string.format("VM #%d (target %s): %s\nargv: %s", i, target, rendered,
        table.concat(argv, " ")))
    end
    if joined(rendered) ~= joined(argv) then
      error(string.format("VM #%d (target %s, imported as %s):\n  argv: %s\n  back: %s", i,
        target, description.target, table.concat(argv, " "), table.concat(rendered, " ")))
    end
    raw = raw + #description.raw
    spec.eq(#description.raw > 0, vm.raw ~= nil, "raw only for raw: " .. table.concat(argv, " "))
  end
  spec.truthy(raw > 0, "some raw arguments")
end)

-- A seed of its own for each catalogue entry and target: what one entry
-- generates does not depend on the entries before it, so a field added
-- to one leaves the others' values as they were.
local function seed_for(name, target)
  local hash = SEED
  for byte in (name .. "@" .. target):gmatch(".") do
    hash = (hash * 31 + byte:byte()) % 2147483647
  end
  math.randomseed(hash)
end

-- One VM for `target` with `devices` (default: a hostbridge) and the VM
-- field `name` = `value` (may be nil), round-tripped: argv, or nil when
-- the core refuses the VM.
local function walk_one(target, devices, name, value)
  local vm = acrn.vm { name = "walk", target = target, devices = devices or { acrn.hostbridge {} } }
  if name then
    vm[name] = value
  end
  if not vm:check() then
    return nil
  end
  local argv = vm:argv()
  local ok, rendered, description = pcall(round_trip, argv, { target = target })
  if not ok then
    error(string.format("%s on %s: %s\nargv: %s", name or core.kind(devices[#devices]), target,
      rendered,
      table.concat(argv, " ")))
  end
  spec.eq(rendered, argv, "rendered back: " .. table.concat(argv, " "))
  spec.eq(#description.raw, 0, "no raw for " .. table.concat(argv, " "))
  return argv
end

spec.it("every emulation and VM field of every release imports back (a fixed walk)", function()
  local missing = {}
  for _, emulation in ipairs(acrn.catalog.emulations) do
    local covered = emulation.kind == "hostbridge"
    for _, target in ipairs(acrn.targets) do
      if supports(emulation, target) and emulation.kind ~= "hostbridge" then
        seed_for(emulation.kind, target)
        local fields = random_device(emulation, target)
        if fields then
          -- the AMD hostbridge stands in for the Intel one, at slot 0
          if emulation.kind == "amd_hostbridge" then
            fields.slot = 0
          end
          local device = acrn[emulation.constructor](fields)
          local devices = emulation.kind == "amd_hostbridge" and { device }
            or { acrn.hostbridge {}, device }
          covered = walk_one(target, devices) ~= nil or covered
        end
      end
    end
    if not covered then
      missing[#missing + 1] = emulation.kind
    end
  end
  for _, option in ipairs(acrn.catalog.options) do
    local covered = option.name == "raw"
    for _, target in ipairs(acrn.targets) do
      if supports(option, target) and option.name ~= "raw" then
        seed_for(option.name, target)
        for _ = 1, 20 do
          local value = generate(option, target)
          if option.name == "cpu_affinity" then
            value = { [pick({ "cpus", "lapic_ids" })] = pick({ { 0, 2 }, { 2 }, { 0 } }) }
          end
          if walk_one(target, nil, option.name, value) then
            covered = true
            break
          end
        end
      end
    end
    if not covered then
      missing[#missing + 1] = option.name
    end
  end
  spec.eq(missing, {}, "catalogue entries that no release imports back")
end)

spec.done()
