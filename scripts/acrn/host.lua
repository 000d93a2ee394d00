-- SPDX-License-Identifier: Apache-2.0
-- What a VM needs done on the host before acrn-dm starts, as a list of
-- steps in a fixed order: CPUs taken offline for a real-time VM, then
-- passthrough devices bound to pci-stub, then taps created.  The C core
-- runs them (core.host_run), undoes them (core.host_undo) and checks them
-- (core.host_check); here they are only decided and described.
local M = {}

-- The steps for a plan (devices with their fields, the VM's fields).
-- Raises when a wish cannot be honoured (offline CPUs given as LAPIC ids).
function M.steps(plan)
  local steps = {}
  local affinity = plan.fields.cpu_affinity
  if type(affinity) == "table" then
    local offline = affinity.offline
    if offline == nil then
      offline = plan.fields.rtvm == true and affinity.cpus ~= nil
    end
    if offline then
      if not affinity.cpus then
        error("cpu_affinity: offline needs the CPUs as numbers (cpus), not lapic_ids", 0)
      end
      for _, cpu in ipairs(affinity.cpus) do
        steps[#steps + 1] = { step = "offline-cpu", object = tostring(cpu),
          does = string.format("take CPU %d from the Service VM and give it to the "
            .. "hypervisor (undone: back online)", cpu) }
      end
    end
  end
  for _, device in ipairs(plan.devices) do
    if device.kind == "passthru" and device.fields.prepare ~= false then
      local bus, slot, func = device.arg:match(",passthru,(%x+)/(%x+)/(%x+)")
      local bdf = string.format("0000:%02x:%02x.%x", tonumber(bus, 16), tonumber(slot, 16),
        tonumber(func, 16))
      steps[#steps + 1] = { step = "bind-pci-stub", object = bdf,
        does = string.format("bind %s to pci-stub (undone: back to its driver)", bdf) }
    end
  end
  for _, device in ipairs(plan.devices) do
    if device.kind == "virtio-net" and device.fields.create then
      local bridge = device.fields.bridge
      steps[#steps + 1] = { step = "create-tap", object = device.fields.tap, detail = bridge,
        does = string.format("create tap %s when missing%s (undone: deleted if created)",
          device.fields.tap, bridge and (", on bridge " .. bridge .. " when it exists") or "") }
    end
  end
  return steps
end

-- One line for a person: "bind-pci-stub 0000:00:02.0: bind … (undone: …)".
function M.describe(step)
  return string.format("%s %s: %s", step.step, step.object, step.does)
end

return M
