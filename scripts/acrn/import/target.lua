-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: choosing the release to write the recipe for, from
-- the clues the command line left (or the one given with --target), and
-- the sentence that says why.
local acrn = require "acrn"
local core = require "acrn.core"
local releases = require "acrn.import.releases"
local state_ = require "acrn.import.state"
local util = require "acrn.import.util"

core.internal()

local M = {}

local catalog = acrn.catalog
local TARGETS = catalog.targets
local ALL, set_and, set_count = releases.ALL, releases.set_and, releases.set_count
local set_max, set_min = releases.set_max, releases.set_min
local set_text, set_is_all = releases.set_text, releases.set_is_all
local warn, problem = state_.warn, state_.problem
local copy = util.copy

-- ---------------------------------------------------------------------------
-- The target

-- The index of target `name`, or nil.
local function target_index(name)
  for t, known in ipairs(TARGETS) do
    if known == name then
      return t
    end
  end
  return nil
end

-- The clues grouped by their text, in order: { text, set, soft }.
local function clue_groups(clues)
  local groups, by_text = {}, {}
  for _, found in ipairs(clues) do
    local key = (found.tier == "soft" and "soft " or "hard ") .. found.text
    local group = by_text[key]
    if not group then
      group = { text = found.text, set = copy(ALL), soft = found.tier == "soft" }
      by_text[key] = group
      groups[#groups + 1] = group
    end
    group.set = set_and(group.set, found.set)
  end
  return groups
end

-- The clues that explain why `chosen` and not the release after it (or,
-- for the newest, not the one before `range`), as text.
local function reasons(clues, range, before_soft, chosen)
  local above = chosen < #TARGETS and chosen + 1 or nil
  local below = set_min(range) - 1
  local texts = {}
  for _, group in ipairs(clue_groups(clues)) do
    local binding
    if group.soft then
      binding = above and before_soft[above] and not group.set[above]
    else
      binding = (above and not group.set[above]) or (below >= 1 and not group.set[below])
    end
    if binding then
      texts[#texts + 1] = group.soft and group.text
        or string.format("%s (%s)", group.text, set_text(group.set))
    end
  end
  if #texts > 4 then
    local more = #texts - 4
    texts = { table.unpack(texts, 1, 4) }
    texts[5] = string.format("and %d more", more)
  end
  return table.concat(texts, "; ")
end

-- Chooses the target from the clues (or takes the given one); returns the
-- target and a sentence saying how.  Spellings (tier 1) must agree; where
-- each piece is valid (tier 2) narrows further when it can; options that a
-- release ignores make the releases before it likelier (soft).  The
-- default release is chosen where it fits, else the newest that does.
local function choose_target(state)
  local default = acrn.defaults.target
  if not target_index(default) then
    default = catalog.default_target
  end
  local hard = copy(ALL)
  for _, found in ipairs(state.clues) do
    if found.tier == 1 then
      hard = set_and(hard, found.set)
    end
  end
  if state.given_target then
    local given = target_index(state.given_target)
    for _, group in ipairs(clue_groups(state.clues)) do
      if not group.soft and given and not group.set[given] then
        warn(state, string.format("%s is written for ACRN %s; the recipe renders it for %s",
          group.text, set_text(group.set), state.given_target))
      end
    end
    return state.given_target, state.given_how or "given with --target"
  end
  if set_count(hard) == 0 then
    local texts = {}
    for _, group in ipairs(clue_groups(state.clues)) do
      if not group.soft and not set_is_all(group.set) then
        texts[#texts + 1] = string.format("%s (%s)", group.text, set_text(group.set))
      end
    end
    problem(state, "no ACRN release accepts all of: " .. table.concat(texts, "; ")
      .. " (give --target to convert the line to one release)")
    return default, "the default release (the command line mixes releases)"
  end
  local range = hard
  for _, found in ipairs(state.clues) do
    if found.tier == 2 and set_count(set_and(range, found.set)) > 0 then
      range = set_and(range, found.set)
    end
  end
  local before_soft = range
  for _, found in ipairs(state.clues) do
    if found.tier == "soft" and set_count(set_and(range, found.set)) > 0 then
      range = set_and(range, found.set)
    end
  end
  if set_is_all(range) then
    return default, "the default: nothing on the command line is release-specific"
  end
  local chosen = set_max(range)
  if range[target_index(default)] then
    chosen = target_index(default)
  end
  local which = chosen == #TARGETS and "the newest release" or chosen == target_index(default)
    and "the default release" or "the newest release"
  return TARGETS[chosen], string.format("%s that fits (%s): %s", which, set_text(range),
    reasons(state.clues, range, before_soft, chosen))
end

M.choose_target = choose_target

return M
