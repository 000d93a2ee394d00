-- SPDX-License-Identifier: Apache-2.0
-- The bad-input corpus: runs every tests/bad/*.lua through the real
-- acrn-launch (which execs the stand-in acrn-dm) and checks what its header
-- says.  Usage: lua5.4 run.lua DIR [NAME...] (only the named cases);
-- BAD_SHOW=1 prints what acrn-launch said for each case.
--
-- A case starts with comment lines, read up to the first other line:
--
--   -- expect: refused | accepted
--   -- words: WORD | WORD | ...    what stderr must contain (refused), each
--                                  plain text, "@N" for "RECIPE:N:" (the
--                                  recipe's path and line N), or a Lua string
--                                  literal in double quotes for odd bytes
--   -- args: --target 2.6          more acrn-launch arguments, split at
--                                  spaces; $SOURCE is the source tree
--   -- argv: after -k "LITERAL"    (accepted) the argument after the first
--                                  "-k" is exactly the Lua string LITERAL
--                                  (or string.rep(...) and the like)
--   -- argv: has "LITERAL"         (accepted) some argument is exactly it
--   -- site: FILE                  run with --site DIR/sites/FILE (site
--                                  policies live in sites/, so that they are
--                                  not taken for recipes)
--   -- known-bug: TEXT             an open, reported bug: the case states
--                                  the right behaviour and fails today; it
--                                  counts as passed while it fails, and
--                                  fails once it passes (delete the line)
--   -- any other "-- " line        free text: what the case is about
--
-- Refused: exit 1, nothing on stdout, the stand-in never ran, stderr starts
-- with "acrn-launch: ", holds every word, and is no internal error.
-- Accepted: exit 0, the stand-in ran, and every argv line holds.  The recipe
-- runs as a copy with a short name (recipe.lua in a temporary directory),
-- so that "@N" stays short of Lua's 60-byte limit on chunk names.
local spec = require "spec"
local launcher = require "launcher"

local dir = assert(arg[1], "usage: run.lua DIR [NAME...]")
local only = {}
for i = 2, #arg do
  only[arg[i]] = true
end

local read = spec.read

-- A Lua string literal ("...", or an expression of the string library such
-- as string.rep("a", 2047)) as the bytes it stands for.
local function literal(text, where)
  local chunk = load("return " .. text, "=" .. where, "t", { string = string })
  local ok, value = false, nil
  if chunk then
    ok, value = pcall(chunk)
  end
  if not ok or type(value) ~= "string" then
    error(where .. ": not a string literal: " .. text, 0)
  end
  return value
end

local function trim(text)
  return (text:gsub("^%s+", ""):gsub("%s+$", ""))
end

-- Reads the header of the case `name` with text `text`.
local function header(name, text)
  local case = { name = name, words = {}, args = {}, argv = {}, about = {} }
  for line in text:gmatch("([^\n]*)\n") do
    local comment = line:match("^%-%-%s?(.*)$")
    if not comment then
      break
    end
    local key, value = comment:match("^([%a-]+):%s*(.*)$")
    if key == "expect" then
      case.expect = value
    elseif key == "words" then
      for word in (value .. " | "):gmatch("(.-) | ") do
        word = trim(word)
        if word:sub(1, 1) == '"' then
          word = literal(word, name)
        end
        case.words[#case.words + 1] = word
      end
    elseif key == "args" then
      for word in value:gmatch("%S+") do
        case.args[#case.args + 1] = (word:gsub("%$SOURCE", launcher.source))
      end
    elseif key == "argv" then
      local how, rest = value:match("^(%S+)%s+(.*)$")
      local check = { how = how }
      if how == "after" then
        check.option, rest = rest:match("^(%S+)%s+(.*)$")
      elseif how ~= "has" then
        error(name .. ": argv: 'after OPTION LITERAL' or 'has LITERAL', not " .. value, 0)
      end
      check.value = literal(trim(rest or ""), name)
      case.argv[#case.argv + 1] = check
    elseif key == "site" then
      case.site = value
    elseif key == "known-bug" then
      case.known_bug = value
    else
      case.about[#case.about + 1] = comment
    end
  end
  if case.expect ~= "refused" and case.expect ~= "accepted" then
    error(name .. ": the header needs '-- expect: refused' or '-- expect: accepted'", 0)
  end
  if case.expect == "refused" and #case.words == 0 then
    error(name .. ": a refused case needs '-- words: ...'", 0)
  end
  if case.expect == "accepted" and #case.argv == 0 then
    error(name .. ": an accepted case needs '-- argv: ...' lines", 0)
  end
  return case
end

local function list_cases()
  local pipe = assert(io.popen("ls " .. launcher.quote(dir)))
  local names = {}
  for file in pipe:lines() do
    local name = file:match("^(.+)%.lua$")
    if name and name ~= "run" and (next(only) == nil or only[name]) then
      names[#names + 1] = name
    end
  end
  pipe:close()
  table.sort(names)
  return names
end

local function check_refused(case, path, result)
  local stderr = result.stderr or ""
  spec.eq(result.status, 1, "exit status (stderr: " .. stderr .. ")")
  spec.eq(result.argv, nil, "the stand-in acrn-dm must not run")
  spec.eq(result.stdout, "", "stdout")
  spec.truthy(stderr:find("acrn-launch: ", 1, true) == 1,
    "stderr starts with acrn-launch: " .. stderr)
  spec.truthy(not stderr:find("internal error", 1, true), "an internal error: " .. stderr)
  for _, word in ipairs(case.words) do
    local wanted = word
    local line = word:match("^@(%d+)$")
    if line then
      wanted = path .. ":" .. line .. ":"
    end
    spec.truthy(stderr:find(wanted, 1, true), string.format("message %q lacks %q", stderr,
      wanted))
  end
end

local function check_accepted(case, result)
  spec.eq(result.status, 0, "exit status (stderr: " .. (result.stderr or "") .. ")")
  local argv = spec.truthy(result.argv, "the stand-in acrn-dm must run")
  for _, check in ipairs(case.argv) do
    if check.how == "after" then
      local index
      for i, word in ipairs(argv) do
        if word == check.option then
          index = i
          break
        end
      end
      spec.truthy(index, check.option .. " in argv " .. spec.serialize(argv))
      spec.eq(argv[index + 1], check.value, "the argument after " .. check.option)
    else
      local found = false
      for _, word in ipairs(argv) do
        found = found or word == check.value
      end
      spec.truthy(found, string.format("argv %s has %q", spec.serialize(argv), check.value))
    end
  end
end

local counts = { refused = 0, accepted = 0, known = 0 }
local names = list_cases()
for _, name in ipairs(names) do
  local text = read(dir .. "/" .. name .. ".lua")
  local ok, case = pcall(header, name, text)
  if not ok then
    spec.it(name, function()
      error(case, 0)
    end)
  else
    counts[case.expect] = counts[case.expect] + 1
    local function run_case()
      local path = launcher.write("recipe.lua", text)
      local args = {}
      if case.site then
        args[#args + 1] = "--site"
        args[#args + 1] = dir .. "/sites/" .. case.site
      end
      for _, word in ipairs(case.args) do
        args[#args + 1] = word
      end
      args[#args + 1] = path
      local result = launcher.run(args)
      if os.getenv("BAD_SHOW") then -- for writing cases: what acrn-launch said
        print(name, result.status, result.stderr)
      end
      if case.expect == "refused" then
        check_refused(case, path, result)
      else
        check_accepted(case, result)
      end
    end
    spec.it(name, function()
      if not case.known_bug then
        return run_case()
      end
      local passed, problem = pcall(run_case)
      if passed then
        error("known bug fixed (" .. case.known_bug .. "): delete its known-bug line", 0)
      end
      counts.known = counts.known + 1
      print(string.format("known bug - %s: %s (%s)", name, case.known_bug,
        (tostring(problem):gsub("\n.*", ""))))
    end)
  end
end

-- The corpus is meant to stay large: at least 80 refusals.
if next(only) == nil then
  spec.it("the corpus has at least 80 refused cases", function()
    spec.truthy(counts.refused >= 80, counts.refused .. " refused cases")
  end)
end
print(string.format("bad corpus: %d refused, %d accepted, %d of them known bugs", counts.refused,
  counts.accepted, counts.known))
spec.done()
