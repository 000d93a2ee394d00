-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: sets of releases.  A set maps the index of a target
-- in acrn.catalog.targets to true; these build, combine and describe them
-- ("up to 2.6", "3.0 and later").
local acrn = require "acrn"
local core = require "acrn.core"

core.internal()

local M = {}

local TARGETS = acrn.catalog.targets

-- ---------------------------------------------------------------------------
-- Releases: sets of targets

-- The set (index -> true) of targets for which `keep(index)` is true.
local function targets_where(keep)
  local set = {}
  for i in ipairs(TARGETS) do
    if keep(i) then
      set[i] = true
    end
  end
  return set
end

local ALL = targets_where(function() return true end)

-- The targets that have something with these releases (a catalogue item).
local function release_set(item)
  return targets_where(function(i)
    return core.accepts(TARGETS[i], item) ~= "no"
  end)
end

local function set_and(a, b)
  return targets_where(function(i) return a[i] and b[i] end)
end

local function set_count(set)
  local n = 0
  for _ in pairs(set) do
    n = n + 1
  end
  return n
end

local function set_max(set)
  local best
  for i in pairs(set) do
    if not best or i > best then
      best = i
    end
  end
  return best
end

local function set_min(set)
  local best
  for i in pairs(set) do
    if not best or i < best then
      best = i
    end
  end
  return best
end

-- "up to 2.6", "3.0 and later", "2.3 to 2.4", "2.7", or a list.
local function set_text(set)
  local lo, hi = set_min(set), set_max(set)
  if not lo then
    return "no release"
  end
  for i = lo, hi do
    if not set[i] then
      local names = {}
      for j = lo, hi do
        if set[j] then
          names[#names + 1] = TARGETS[j]
        end
      end
      return table.concat(names, ", ")
    end
  end
  if lo == 1 and hi == #TARGETS then
    return "every release"
  elseif lo == hi and hi < #TARGETS then
    return TARGETS[lo] .. " only"
  elseif lo == 1 then
    return "up to " .. TARGETS[hi]
  elseif hi == #TARGETS then
    return TARGETS[lo] .. " and later"
  end
  return TARGETS[lo] .. " to " .. TARGETS[hi]
end

local function set_is_all(set)
  return set_count(set) == #TARGETS
end

M.targets_where = targets_where
M.ALL = ALL
M.release_set = release_set
M.set_and = set_and
M.set_count = set_count
M.set_max = set_max
M.set_min = set_min
M.set_text = set_text
M.set_is_all = set_is_all

return M
