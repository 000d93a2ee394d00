-- SPDX-License-Identifier: Apache-2.0
-- acrn.recipe: a VM described as plain tables becomes recipe text, VM
-- fields in the catalogue's order, device fields in their constructor's,
-- pinned slots, raw with why; the text runs and renders the VM described.
local spec = require "spec"
local recipe = require "acrn.recipe"

local has = spec.has

local function run(text)
  return assert(load(text, "=recipe", "t"))()
end

local description = {
  header = { "written by a test", "second line" },
  name = "vm1",
  target = "2.7",
  target_comment = "the newest release that fits",
  dm = "/opt/acrn/acrn-dm",
  -- given in no particular order
  fields = {
    bootargs = { "root=/dev/vda1", "rw", "rootwait", "console=ttyS0", "quiet",
      "i915.enable_guc=0" },
    mac_seed = "12:34:56-vm1",
    memory = "2048M",
    ioc_node = { path = "/run/acrn/ioc_vm1", wakeup_reason = 0x20 },
    acpi = true,
  },
  comments = { memory = "as the script had it" },
  devices = {
    { constructor = "hostbridge", fields = {} },
    { constructor = "virtio_blk", fields = { ro = true, path = "/a b.img", boot = true },
      slot = 3, comment = "the boot disk" },
    { constructor = "passthru", fields = { keep_gsi = true, bdf = "0/1f/3" }, bus = 2, slot = 4,
      func = 1 },
  },
  raw = { { words = { "--x-extra", "1" }, why = "not an option\nthe catalogue knows" } },
}

spec.it("fields in the catalogue's order, pins, comments, raw", function()
  local text = recipe.text(description)
  has(text, "-- written by a test\n-- second line\nlocal acrn = require \"acrn\"\n")
  has(text, "  -- the newest release that fits\n  target = \"2.7\",\n")
  has(text, "  dm = \"/opt/acrn/acrn-dm\",\n")
  spec.truthy(text:find("acpi = true.*-- as the script had it\n  memory = \"2048M\".*mac_seed"
    .. ".*ioc_node = { path = \"/run/acrn/ioc_vm1\", wakeup_reason = 0x20 }.*bootargs"),
    "VM fields in order: " .. text)
  has(text, "  bootargs = {\n    \"root=/dev/vda1\", \"rw\",")
  has(text, "    -- the boot disk\n    acrn.virtio_blk { boot = true, path = \"/a b.img\", "
    .. "ro = true, slot = 3 },\n")
  has(text, "    acrn.passthru { bdf = \"0/1f/3\", keep_gsi = true, bus = 2, slot = 4, func = 1 },")
  has(text, "    acrn.hostbridge {},\n")
  has(text, "    -- not an option the catalogue knows\n    \"--x-extra\", \"1\",\n")
end)

spec.it("the text runs and renders the VM described", function()
  local vm = run(recipe.text(description))
  spec.eq(vm:argv(), { "-A", "-m", "2048M", "-s", "0:0,hostbridge", "-s",
    "3,virtio-blk,b,/a b.img,ro", "-s", "2:4:1,passthru,0/1f/3,keep_gsi", "--mac_seed",
    "12:34:56-vm1", "-i", "/run/acrn/ioc_vm1,0x20", "-B",
    "root=/dev/vda1 rw rootwait console=ttyS0 quiet i915.enable_guc=0", "--x-extra", "1",
    "vm1" }, "argv")
end)

spec.it("text from the description cannot run code", function()
  local nasty = "x\"\n}\nos.exit(3)\n--"
  local text = recipe.text { header = { nasty }, name = nasty, target = "3.3",
    target_comment = nasty, fields = { kernel = nasty },
    devices = { { constructor = "hostbridge", fields = {}, comment = nasty } },
    raw = { { words = { nasty }, why = nasty } } }
  for line in text:gmatch("[^\n]+") do
    spec.truthy(not line:match("^os%.exit"), "a line of its own: " .. line)
  end
  local ok, vm = pcall(run, text)
  spec.truthy(ok, tostring(vm))
  spec.eq(vm.kernel, nasty, "the value survives")
end)

spec.it("an unknown constructor is an error, not a guess", function()
  local ok, message = pcall(recipe.text, { name = "v", devices = { { constructor = "nope" } } })
  spec.eq(ok, false, "refused")
  has(message, "no constructor called nope")
end)

spec.done()
