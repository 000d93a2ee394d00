-- A site policy for a host that runs many VMs.  Install it as
-- /etc/acrn-launch/site.lua; every recipe run on the host is then shaped
-- and checked by it:
--   * recipes run in the sandbox, with a budget;
--   * target pinned to ACRN 3.3, acrn-dm from /usr/bin; no command line
--     and no recipe may change that (enforce = true, nothing in allow_cli,
--     no allow_recipe), and check makes sure of it;
--   * every VM gets a pty console and the site's kernel parameters;
--   * disks of every kind only from images under /var/lib/acrn/images,
--     no raw acrn-dm arguments, memory at most 8G, names like vm-web,
--     passthrough only of the devices listed below.
local acrn = require "acrn"

local DM = "/usr/bin/acrn-dm"
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
  allow_cli = {},
  sandbox = true,
  limits = { instructions = 20000000, memory = 32 * 1024 * 1024, cpu_seconds = 5 },

  defaults = {
    target = "3.3",
    dm = DM,
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

  -- The plan is everything that reaches the host: the program, every
  -- argument (raw ones too) and every host path of every device kind.
  check = function(plan)
    if plan.program ~= DM then
      return false, string.format("acrn-dm is %s on this host, not %s", DM, plan.program)
    end
    if plan.fields.raw and #plan.fields.raw > 0 then
      return false, "raw acrn-dm arguments are not allowed: the site checks only what it knows"
    end
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
    for _, path in ipairs(plan.host_paths) do
      if path.need == "disk" then
        local why = bad_image(path.path)
        if why then
          return false, string.format("%s: %s", path.owner, why)
        end
      end
    end
    for _, device in ipairs(plan.devices) do
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
