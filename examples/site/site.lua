-- A site policy for a host that runs many VMs.  Install it as
-- /etc/acrn-launch/site.lua; every recipe run on the host is then shaped
-- and checked by it:
--   * recipes run in the sandbox, with a budget;
--   * target pinned to ACRN 3.3, acrn-dm from /usr/bin; no command line
--     may change that (enforce = true, nothing in allow_cli but --root);
--   * every VM gets a pty console and the site's kernel parameters;
--   * disk images only under /var/lib/acrn/images, memory at most 8G,
--     names like vm-web, passthrough only of the devices listed below.
local acrn = require "acrn"

local IMAGES = "/var/lib/acrn/images/"
local MAX_MEMORY_MIB = 8 * 1024

-- Host PCI devices VMs may have, in acrn-dm's form (bus/device/function).
local PASSTHROUGH = {
  ["0/2/0"] = "the integrated GPU",
  ["2/0/0"] = "the NVMe disk of rtvm",
}

-- The reason to refuse a disk path, or nil.
local function bad_image(path)
  if path:sub(1, #IMAGES) ~= IMAGES then
    return string.format("disk image %s is not under %s", path, IMAGES)
  end
  if path:find("/%.%.?/") or path:find("/%.%.?$") then
    return string.format("disk image %s has . or .. in it", path)
  end
  return nil
end

return {
  enforce = true,
  allow_cli = { "--root" },
  sandbox = true,
  limits = { instructions = 20000000, memory = 32 * 1024 * 1024 },

  defaults = {
    target = "3.3",
    dm = "/usr/bin/acrn-dm",
    memory = "1024M",
    bootargs = { "console=hvc0", "quiet" },
    devices = {
      acrn.virtio_console { ports = { { backend = "pty", console = true } } },
    },
  },

  -- A small VM shape for recipes: acrn.profile("small", { name, image }).
  profiles = {
    small = function(inputs)
      return acrn.vm {
        name = inputs.name,
        memory = "512M",
        kernel = "/var/lib/acrn/kernels/bzImage",
        bootargs = { "root=/dev/vda1", "rw" },
        devices = {
          acrn.hostbridge {},
          acrn.virtio_blk { path = IMAGES .. inputs.image },
        },
      }
    end,
  },

  -- Debug output on the console slows every VM down: the site takes it out.
  adjust = function(vm)
    if vm.bootargs then
      vm.bootargs:remove("debug")
    end
  end,

  check = function(plan)
    if plan.target ~= "3.3" then
      return false, "this host runs ACRN 3.3, not " .. plan.target
    end
    if not plan.name:match("^vm%-[a-z0-9]+$") then
      return false, string.format("the name %q is not vm-NAME (lower case, digits)", plan.name)
    end
    if (plan.memory_mib or 256) > MAX_MEMORY_MIB then
      return false, string.format("%d MiB of memory is more than the %d MiB a VM may have",
        plan.memory_mib, MAX_MEMORY_MIB)
    end
    for _, device in ipairs(plan.devices) do
      if device.kind == "virtio-blk" and device.fields.path then
        local why = bad_image(device.fields.path)
        if why then
          return false, why
        end
      end
      if device.kind == "passthru" then
        local bdf = device.arg:match(",passthru,([^,]+)")
        if not PASSTHROUGH[bdf] then
          return false, string.format("host device %s may not be passed through", bdf)
        end
      end
    end
    return true
  end,
}
