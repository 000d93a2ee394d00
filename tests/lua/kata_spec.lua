-- SPDX-License-Identifier: Apache-2.0
-- The kata profile against the reference sandbox of kata-acrn.md, for
-- 2.6 and 3.3, and its other inputs.
local spec = require "spec"
local acrn = require "acrn"

local BASE = "tsc=reliable no_timer_check nohpet console=tty0 console=ttyS0 console=hvc0 "
  .. "log_buf_len=16M consoleblank=0 iommu=off i915.avail_planes_per_pipe=0x070F00 "
  .. "i915.enable_hangcheck=0 i915.nuclear_pageflip=1 i915.enable_guc_loading=0 "
  .. "i915.enable_guc_submission=0 i915.enable_guc=0"

local function reference(extra)
  local inputs = {
    id = "4f2c9a", image = "/usr/share/kata-containers/kata-containers.img",
    kernel = "/usr/share/kata-containers/vmlinuz.container", memory = 2048, max_vcpus = 1,
    debug = false, console = "/run/vc/vm/4f2c9a/console.sock",
    agent = "/run/vc/vm/4f2c9a/kata.sock",
    networks = { { tap = "tap0_kata", mac = "02:00:ca:fe:00:04" } },
  }
  for key, value in pairs(extra or {}) do
    inputs[key] = value
  end
  return acrn.profiles.kata(inputs)
end

-- The reference command line, transcribed from kata-acrn.md.
local function expected(net)
  local argv = { "-m", "2048M", "-s", "0:0,hostbridge", "-s", "1:0,lpc", "-l", "com1,stdio",
    "-s", "3,virtio-console,@socket:console0=/run/vc/vm/4f2c9a/console.sock",
    "-s", "4,virtio-blk,/usr/share/kata-containers/kata-containers.img" }
  for slot = 5, 12 do
    argv[#argv + 1] = "-s"
    argv[#argv + 1] = slot .. ",virtio-blk,nodisk"
  end
  for _, word in ipairs({ "-s", "13,virtio-console,socket:agent.channel.0=/run/vc/vm/4f2c9a/kata.sock",
    "-s", net, "-k", "/usr/share/kata-containers/vmlinuz.container", "-B",
    BASE .. " root=/dev/vda1 rw rootwait quiet systemd.show_status=false panic=1 maxcpus=1",
    "sandbox-4f2c9a" }) do
    argv[#argv + 1] = word
  end
  return argv
end

spec.it("2.6: the reference command line, argument for argument", function()
  local argv = expected("14,virtio-net,tap0_kata,mac=02:00:ca:fe:00:04")
  table.insert(argv, 1, "-A")
  table.insert(argv, 1, "a7ada506-1ab0-4b6b-a0da-e513ca9b8c2f")
  table.insert(argv, 1, "-U")
  spec.eq(reference({ target = "2.6" }):argv(), argv, "argv")
end)

spec.it("3.3: no -U, no -A, tap=", function()
  local plan = reference({ target = "3.3" }):plan()
  spec.eq(plan.argv, expected("14,virtio-net,tap=tap0_kata,mac=02:00:ca:fe:00:04"), "argv")
  spec.eq(plan.warnings, {}, "a short name needs no warning")
end)

spec.it("the drive-index map covers the image and all eight placeholders", function()
  spec.eq(reference():plan().drives,
    { [0] = 4, [1] = 5, [2] = 6, [3] = 7, [4] = 8, [5] = 9, [6] = 10, [7] = 11, [8] = 12 },
    "drives")
end)

spec.it("3.3 shortens a long name deterministically, with a warning", function()
  local id = "0123456789abcdef0123456789abcdef"
  local plan = reference({ id = id, target = "3.3" }):plan()
  spec.eq(plan.name, "sandbox-0123456", "15 bytes")
  spec.eq(reference({ id = id, target = "3.3" }):plan().name, plan.name, "deterministic")
  spec.truthy(plan.warnings[1]:find("sandbox-" .. id, 1, true), plan.warnings[1])
  spec.eq(reference({ id = id, target = "2.6" }):plan().name, "sandbox-" .. id, "2.6 keeps it")
end)

spec.it("debug, vCPUs, user parameters, extra disks, uuid index", function()
  local plan = reference({ debug = true, max_vcpus = 4, kernel_params = "foo=1 bar",
    disks = { { path = "/d.img", ro = true } }, uuid_index = 2, target = "2.6" }):plan()
  spec.truthy(plan.bootargs:find("rootwait debug systemd.show_status=true "
    .. "systemd.log_level=debug systemd.log_target=kmsg printk.devkmsg=on panic=1 "
    .. "maxcpus=4 foo=1 bar$"), plan.bootargs)
  spec.eq(plan.argv[2], "18ed60cd-e9ea-4bf4-8f87-8523fc8347a3", "third UUID")
  spec.eq(plan.drives[9], 15, "extra disk after the network")
  spec.eq(plan.devices[#plan.devices].arg, "15,virtio-blk,/d.img,ro", "extra disk")
end)

spec.it("without an image: no root parameters, placeholders remain", function()
  local plan = acrn.profiles.kata({ id = "a1", kernel = "/k", console = "/c.sock",
    agent = "/a.sock", target = "3.3" }):plan()
  spec.eq(plan.bootargs, BASE .. " quiet panic=1 maxcpus=1", "bootargs")
  spec.eq(plan.drives, { 4, 5, 6, 7, 8, 9, 10, 11 }, "placeholders from slot 4")
  spec.eq(plan.argv[2], "2048M", "Kata's default memory")
end)

spec.it("bad inputs fail with the input's name", function()
  spec.raises(function() reference({ colour = 1 }) end, 'unknown input "colour"')
  spec.raises(function() reference({ memory = "2G" }) end, "memory must be a number")
  spec.raises(function() reference({ uuid_index = 8, target = "2.6" }) end,
    "uuid_index must be an integer 0-7")
  spec.raises(function() acrn.profiles.kata({ id = "x" }) end, "kernel is required")
end)

spec.done()
