-- SPDX-License-Identifier: Apache-2.0
-- The site policy: an administrator's house rules, loaded before any
-- recipe.  A site file is trusted Lua returning a table:
--
--   defaults   VM fields every VM starts from (scalars: the recipe wins;
--              bootargs, raw: the site's come first, then the VM's;
--              devices: the VM's first, so that the site's never move them)
--   profiles   name -> function(inputs) returning a VM, for acrn.profile
--   adjust     function(vm): changes the VM after the recipe ran
--   check      function(plan): true accepts; false, reason refuses
--   enforce    true: command-line overrides need allow_cli
--   allow_cli  which of --site --no-site --no-sandbox --dm ACRN_DM --target
--              --root --acrnctl an enforcing site still allows
--   allow_recipe  { "dm" }: an enforcing site lets recipes name acrn-dm
--   sandbox    true: recipes run in the sandbox
--   limits     { instructions = N, memory = bytes, cpu_seconds = N }: a
--              sandboxed recipe's budget
local acrn = require "acrn"
local core = require "acrn.core"
local sorted_keys = require("acrn.util").sorted_keys

core.internal()

local M = {}

local KEYS = {
  defaults = "table", profiles = "table", adjust = "function", check = "function",
  enforce = "boolean", allow_cli = "table", allow_recipe = "table", sandbox = "boolean",
  limits = "table",
}

M.CLI_WORDS = { "--site", "--no-site", "--no-sandbox", "--dm", "ACRN_DM", "--target", "--root",
  "--acrnctl" }

-- What an enforcing site may let a recipe decide: its own acrn-dm.
M.RECIPE_WORDS = { "dm" }

local LIMIT_KEYS = { instructions = true, memory = true, cpu_seconds = true }

-- Fails with "PATH: message".
local function malformed(path, message)
  error(path .. ": " .. message, 0)
end

-- Checks the table a site file returned; raises naming the file and key.
local function validate(path, site)
  if type(site) ~= "table" then
    malformed(path, "a site policy must return a table, not " .. type(site))
  end
  for key, value in pairs(site) do
    local want = KEYS[key]
    if not want then
      malformed(path, string.format("unknown key %q (known: %s)", tostring(key),
        table.concat(sorted_keys(KEYS), ", ")))
    end
    if type(value) ~= want then
      malformed(path, string.format("%s must be a %s, not %s", key, want, type(value)))
    end
  end
  for key in pairs(site.defaults or {}) do
    if not acrn.is_vm_field(key) then
      malformed(path, string.format("defaults.%s is not a VM field", tostring(key)))
    end
  end
  for name, build in pairs(site.profiles or {}) do
    if type(name) ~= "string" or type(build) ~= "function" then
      malformed(path, "profiles maps names to functions")
    end
  end
  local words = {}
  for _, word in ipairs(M.CLI_WORDS) do
    words[word] = true
  end
  for _, word in ipairs(site.allow_cli or {}) do
    if not words[word] then
      malformed(path, string.format("allow_cli: unknown %q (known: %s)", tostring(word),
        table.concat(M.CLI_WORDS, ", ")))
    end
  end
  for _, word in ipairs(site.allow_recipe or {}) do
    if word ~= "dm" then
      malformed(path, string.format("allow_recipe: unknown %q (known: %s)", tostring(word),
        table.concat(M.RECIPE_WORDS, ", ")))
    end
  end
  for key, value in pairs(site.limits or {}) do
    if not LIMIT_KEYS[key] then
      malformed(path, string.format("limits.%s is not a limit (known: instructions, memory, "
        .. "cpu_seconds)",
        tostring(key)))
    end
    if math.type(value) ~= "integer" or value <= 0 then
      malformed(path, string.format("limits.%s must be a positive integer", key))
    end
  end
end

-- The policy of the site file at `path` whose `text` was read as trusted
-- code is (acrn.cli reads it with core.trusted_read): a table with its
-- declarations and `path`, or raises with the file's line (syntax, runtime)
-- or name (malformed).
function M.load(path, text)
  local chunk, message = load(text, "@" .. path, "t", setmetatable({}, { __index = _G }))
  if not chunk then
    error(message, 0)
  end
  local ok, site = pcall(chunk)
  if not ok then
    error(tostring(site), 0)
  end
  validate(path, site)
  site.path = path
  site.allowed = {}
  for _, word in ipairs(site.allow_cli or {}) do
    site.allowed[word] = true
  end
  site.recipe_allowed = {}
  for _, word in ipairs(site.allow_recipe or {}) do
    site.recipe_allowed[word] = true
  end
  return site
end

-- Whether the command line may use `word` (--dm, ACRN_DM, …) under `site`.
function M.allows(site, word)
  return not (site and site.enforce) or site.allowed[word] == true
end

-- Whether an enforcing `site` lets a recipe set `word` ("dm").
function M.allows_recipe(site, word)
  return not (site and site.enforce) or site.recipe_allowed[word] == true
end

-- Before the recipe runs: the site's profiles become reachable through
-- acrn.profile; returns the session settings the site's defaults give
-- (target, dm, layout), for the session the recipe runs in.
function M.prepare(site)
  for name, build in pairs(site.profiles or {}) do
    acrn.site_profiles[name] = build
  end
  local settings = {}
  for _, key in ipairs({ "target", "dm", "layout" }) do
    if site.defaults and site.defaults[key] ~= nil then
      settings[key] = site.defaults[key]
    end
  end
  return settings
end

-- After the recipe: every field the VM left unset takes the site's default;
-- the site's bootargs and raw come before the VM's own, its devices after
-- them (the layout places them in the slots the recipe left free, so a
-- device added to the site moves no recipe's device, nor the MAC derived
-- from its slot).
function M.apply_defaults(site, vm)
  local defaults = site.defaults or {}
  for key, value in pairs(defaults) do
    if key == "devices" then
      local devices = {}
      for _, device in ipairs(vm.devices or {}) do
        devices[#devices + 1] = device
      end
      for _, device in ipairs(value) do
        devices[#devices + 1] = device
      end
      acrn.internal.note_devices(vm, value, "defaults")
      acrn.internal.set(vm, "devices", devices)
    elseif key == "bootargs" then
      local merged = require("acrn.kparams").new(value)
      if vm.bootargs ~= nil then
        merged:extend(vm.bootargs)
      end
      acrn.internal.set(vm, "bootargs", merged)
    elseif key == "raw" then
      local merged = { table.unpack(value) }
      for _, word in ipairs(vm.raw or {}) do
        merged[#merged + 1] = word
      end
      acrn.internal.set(vm, "raw", merged)
    elseif vm[key] == nil then
      acrn.internal.set(vm, key, value, { layer = "defaults", where = site.path })
    end
  end
end

-- Runs the site's adjust hook on the VM.
function M.adjust(site, vm)
  if not site.adjust then
    return
  end
  local ok, message = pcall(site.adjust, acrn.internal.as_layer(vm, "adjust"))
  if not ok then
    error(tostring(message), 0)
  end
end

-- A read-only deep copy of `value`.
local function frozen(value)
  if type(value) ~= "table" then
    return value
  end
  local copy = {}
  for key, item in pairs(value) do
    copy[key] = frozen(item)
  end
  return setmetatable({}, {
    __index = copy,
    __newindex = function() error("the plan is read-only", 2) end,
    __len = function() return #copy end,
    __pairs = function() return next, copy, nil end,
    __metatable = "read-only",
  })
end

-- Asks the site's check about the plan: true, or nil and the reason.
function M.check(site, plan)
  if not site.check then
    return true
  end
  local ok, verdict, reason = pcall(site.check, frozen(plan))
  if not ok then
    return nil, tostring(verdict)
  end
  if verdict == true then
    return true
  end
  return nil, string.format("%s: refused by the site policy: %s", site.path,
    reason ~= nil and tostring(reason) or "check did not return true")
end

return M
