-- SPDX-License-Identifier: Apache-2.0
-- A session: what one run of acrn-launch (or one Lua state that requires
-- acrn) builds and launches VMs with.  acrn-launch makes one from its
-- command line and site policy and begins it once, before the recipe runs;
-- everything after reads it, nothing sets it again.  Without acrn-launch,
-- the built-in defaults.
local core = require "acrn.core"

core.internal()

local M = {}

-- What a session holds, and what it is when nothing says otherwise.
M.BUILT_IN = {
  target = core.default_target, -- the ACRN release VMs are built for
  dm = "/usr/bin/acrn-dm",      -- the acrn-dm they run
  acrnctl = "/usr/bin/acrnctl",
  layout = "acrn",              -- the slot policy
  root = "/",                   -- where host facts are read and host steps act
  run_dir = "/run/acrn-launch", -- where locks and lifecycle records live
}

local KEYS = { recipe = "string", site = "table" }
for key in pairs(M.BUILT_IN) do
  KEYS[key] = "string"
end

-- Refuses any change: a session is read-only once made.
local function read_only(_, key)
  error(string.format("the session is read-only (%s)", tostring(key)), 2)
end

-- A session from `settings` (any of BUILT_IN's keys, `recipe`: the recipe's
-- path, `site`: the site policy); the rest from the built-in defaults, the
-- run directory also from $ACRN_LAUNCH_RUN_DIR.
function M.new(settings)
  local values = {}
  for key, value in pairs(settings or {}) do
    if KEYS[key] == nil then
      error(string.format("a session has no %s", tostring(key)), 2)
    end
    if type(value) ~= KEYS[key] then
      error(string.format("session %s must be a %s, not %s", key, KEYS[key], type(value)), 2)
    end
    values[key] = value
  end
  local run_dir = os.getenv("ACRN_LAUNCH_RUN_DIR")
  if not values.run_dir and run_dir and run_dir ~= "" then
    values.run_dir = run_dir
  end
  for key, value in pairs(M.BUILT_IN) do
    if values[key] == nil then
      values[key] = value
    end
  end
  return setmetatable({}, {
    __name = "acrn.session", __metatable = "acrn.session", __newindex = read_only,
    __index = values, __pairs = function() return next, values, nil end,
  })
end

local current

-- The session VMs are built in now: the one begun, else the built-in one.
function M.current()
  current = current or M.new()
  return current
end

-- Makes `session` the current one (acrn-launch does this once).
function M.begin(session)
  current = session
end

return M
