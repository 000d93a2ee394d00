-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: the parse state (fields, devices, raw words,
-- warnings, problems) and the clues about the release that each piece of
-- the command line leaves in it.
local core = require "acrn.core"
local releases = require "acrn.import.releases"

core.internal()

local M = {}

local release_set, set_is_all = releases.release_set, releases.set_is_all

-- ---------------------------------------------------------------------------
-- The parse state

-- A fresh parse state.
local function new_state(options)
  return {
    given_target = options.target, given_how = options.target_how,
    warnings = {}, problems = {}, clues = {}, raw = {},
    fields = {}, devices = {}, pending = {},
    values_for_target = {},
  }
end

local function warn(state, message)
  state.warnings[#state.warnings + 1] = message
end

local function problem(state, message)
  state.problems[#state.problems + 1] = message
end

-- Records what a piece of the command line says about the release:
-- tier 1 (a spelling), tier 2 (where it is valid) or "soft" (ignored there).
local function clue(state, text, set, tier)
  if set_is_all(set) then
    return
  end
  if #text > 48 then
    text = text:sub(1, 45) .. "..."
  end
  state.clues[#state.clues + 1] = { text = text, set = set, tier = tier }
end

-- Records the releases of each field set in `value` (of catalogue `fields`,
-- recursively) as tier 1 clues named `text`.
local function release_clues(state, text, fields, value)
  if type(value) ~= "table" then
    return
  end
  for _, field in ipairs(fields or {}) do
    local inner = value[field.name]
    if inner ~= nil and inner ~= false then
      clue(state, text .. " " .. field.name, release_set(field), 1)
      local records = field.type == "records" and type(inner) == "table" and inner
        or { inner }
      for _, record in ipairs(records) do
        release_clues(state, text .. " " .. field.name, field.fields, record)
      end
    end
  end
end

-- Keeps `words` for raw = { … }, with why, and says so on stderr.
local function keep_raw(state, words, why)
  state.raw[#state.raw + 1] = { words = words, why = why }
  warn(state, string.format("kept in raw (%s): %s", why, table.concat(words, " ")))
end

M.new_state = new_state
M.warn = warn
M.problem = problem
M.clue = clue
M.release_clues = release_clues
M.keep_raw = keep_raw

return M
