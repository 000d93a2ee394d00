-- SPDX-License-Identifier: Apache-2.0
-- acrn.repl's completion, as a function of the line before the cursor: a
-- constructor's fields and a VM's fields are the ones the VM's release
-- takes; removing a device by its number.
local spec = require "spec"
local acrn = require "acrn"
local repl = require "acrn.repl"

local function has(list, word)
  for _, item in ipairs(list) do
    if item == word then
      return true
    end
  end
  return false
end

spec.it("a constructor offers the fields the target on the line takes", function()
  local env = setmetatable({}, { __index = _G })
  local on_27 = repl.complete(env, 'acrn.vm { target = "2.7", devices = { acrn.virtio_blk { ')
  local on_33 = repl.complete(env, 'acrn.vm { target = "3.3", devices = { acrn.virtio_blk { ')
  spec.truthy(has(on_33, "mq") and has(on_33, "aio"), "3.3 has mq and aio")
  spec.truthy(not has(on_27, "mq") and not has(on_27, "aio"), "2.7 has neither")
  spec.truthy(has(on_27, "path") and has(on_27, "slot"), "2.7 has path and slot")
  -- a VM's own fields likewise: uuid is 2.6's, not 3.3's
  spec.truthy(has(repl.complete(env, 'acrn.vm { target = "2.6", u'), "uuid"), "2.6 uuid")
  spec.truthy(not has(repl.complete(env, 'acrn.vm { target = "3.3", u'), "uuid"), "3.3 none")
end)

spec.it("the session's vm gives the target when the line names none", function()
  local vm = acrn.vm { name = "v", target = "2.7", devices = { acrn.hostbridge {} } }
  local env = setmetatable({ vm = vm }, { __index = _G })
  local fields = repl.complete(env, "vm:add(acrn.virtio_blk { ")
  spec.truthy(not has(fields, "mq"), "the VM is 2.7")
  -- vm.mem<Tab> completes the VM's fields
  local found, length = repl.complete(env, "vm.mem")
  spec.eq(found, { "memory" }, "vm.mem")
  spec.eq(length, 3, "the part typed")
  spec.truthy(has(repl.complete(env, "vm:rem"), "remove"), "methods after :")
end)

spec.it("vm:remove takes a device or its number", function()
  local disk = acrn.virtio_blk { path = "/img" }
  local vm = acrn.vm { name = "v", devices = { acrn.hostbridge {}, disk, acrn.virtio_rnd {} } }
  vm:remove(3)
  spec.eq(#vm.devices, 2, "by number")
  vm:remove(disk)
  spec.eq(#vm.devices, 1, "by table")
  spec.raises(function() vm:remove(5) end, "vm:remove: the VM has no such device")
end)

spec.done()
