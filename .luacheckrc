-- SPDX-License-Identifier: Apache-2.0
-- luacheck (Debian's lua-check runs on Lua 5.1 but lints 5.4 code):
--   luacheck scripts examples tests bench      (scripts/lint runs it)
-- No file may set or read a global beyond Lua 5.4's own.
std = "lua54"
max_line_length = 120
exclude_files = {
  "build*/**",
  -- a recipe that is not Lua on purpose: the corpus checks its message
  "tests/bad/lua-syntax-error.lua",
}
