-- SPDX-License-Identifier: Apache-2.0
-- Runs the real acrn-launch (from $ACRN_LAUNCH) against the stand-in
-- acrn-dm ($STAND_IN_DM), and reports what happened: exit status, stdout,
-- stderr, and the argv the stand-in received (nil when it never ran).
local M = {}

M.launcher = assert(os.getenv("ACRN_LAUNCH"), "ACRN_LAUNCH is not set")
M.stand_in = assert(os.getenv("STAND_IN_DM"), "STAND_IN_DM is not set")
M.source = assert(os.getenv("PROJECT_SOURCE_DIR"), "PROJECT_SOURCE_DIR is not set")

-- A fresh temporary directory, removed at exit.
local function temp_dir()
  local pipe = assert(io.popen("mktemp -d"))
  local dir = pipe:read("l")
  pipe:close()
  return dir
end

M.dir = temp_dir()
-- Where VM locks go: the test's own directory, so that tests running side
-- by side never see each other's VMs (the Lua API reads the same variable).
M.run_dir = os.getenv("ACRN_LAUNCH_RUN_DIR") or (M.dir .. "/run")

setmetatable(M, { __gc = function() os.execute("rm -rf '" .. M.dir .. "'") end })

-- Prefix for commands the tests run: without the sanitizer's preload, which
-- only lua5.4 itself needs.
M.plain = "env -u LD_PRELOAD "

-- Single-quotes `word` for sh.
function M.quote(word)
  return "'" .. word:gsub("'", "'\\''") .. "'"
end

local function slurp(path)
  local file = io.open(path, "rb")
  if not file then
    return nil
  end
  local text = file:read("a")
  file:close()
  return text
end

-- Each run of a test starts with no VM of an earlier run (the directory is
-- the test's own: ctest gives each test file one under the build tree).
os.execute("rm -rf " .. M.quote(M.run_dir))

-- Writes `text` to a file in the temporary directory; returns its path.
function M.write(name, text, mode)
  local path = M.dir .. "/" .. name
  local file = assert(io.open(path, "wb"))
  file:write(text)
  file:close()
  if mode then
    os.execute("chmod " .. mode .. " " .. M.quote(path))
  end
  return path
end

local roots = 0

-- A fresh copy of the fake host tree (tests/golden/host: /proc/cpuinfo,
-- the sysfs files host preparation writes), for --root.
function M.fake_root()
  roots = roots + 1
  local root = string.format("%s/host%d", M.dir, roots)
  assert(os.execute("cp -a " .. M.quote(M.source .. "/tests/golden/host") .. " " .. M.quote(root)))
  return root
end

-- Splits a file of lines into a list (nil stays nil).
function M.lines(text)
  if not text then
    return nil
  end
  local list = {}
  for line in text:gmatch("([^\n]*)\n") do
    list[#list + 1] = line
  end
  return list
end

local counter = 0

-- Runs acrn-launch with `args` (a list); options: env (a table of extra
-- variables), dm (default: the stand-in; false for none), kill_after
-- (seconds after which it is killed with SIGKILL, as a crash would end
-- it).  Returns { status, stdout, stderr, argv } where argv is what the
-- stand-in got.
function M.run(args, options)
  options = options or {}
  counter = counter + 1
  local base = string.format("%s/run%d", M.dir, counter)
  local record = base .. ".record"
  local env = { ACRN_DM_RECORD = record, ACRN_DM = M.stand_in, ACRN_LAUNCH_RUN_DIR = M.run_dir }
  if options.dm == false then
    env.ACRN_DM = nil
  elseif options.dm then
    env.ACRN_DM = options.dm
  end
  for key, value in pairs(options.env or {}) do
    env[key] = value or nil
  end
  -- LD_PRELOAD (the sanitizer pass preloads libasan into lua5.4) is for this
  -- process, not for the programs it runs
  local words = { "env", "-u", "ACRN_DM", "-u", "LD_PRELOAD" }
  for key, value in pairs(env) do
    words[#words + 1] = M.quote(key .. "=" .. value)
  end
  words[#words + 1] = M.quote(M.launcher)
  for _, arg in ipairs(args) do
    words[#words + 1] = M.quote(arg)
  end
  local command = table.concat(words, " ")
    .. string.format(" >%s.out 2>%s.err </dev/null", base, base)
  if options.kill_after then
    command = string.format("%s & pid=$!; sleep %s; kill -9 $pid; wait $pid", command,
      options.kill_after)
  end
  local _, how, code = os.execute(command)
  assert(how == "exit", "acrn-launch died of signal " .. tostring(code))
  return {
    status = code,
    stdout = slurp(base .. ".out"),
    stderr = slurp(base .. ".err"),
    argv = M.lines(slurp(record)),
    command = command,
  }
end

local backgrounds = 0

-- Runs acrn-launch with `args` in the background, the stand-in acrn-dm
-- with the extra environment `env`; returns a base path: BASE.pid (its
-- pid), BASE.status (its exit status, once it ends), BASE.out, BASE.err,
-- BASE.record (the stand-in's argv); `stderr`: a file to append stderr to
-- instead of BASE.err.
function M.background(args, env, stderr)
  backgrounds = backgrounds + 1
  local base = string.format("%s/bg%d", M.dir, backgrounds)
  local err = stderr and (">>" .. M.quote(stderr)) or (">" .. base .. ".err")
  local words = { "env", "-u", "LD_PRELOAD" }
  words[#words + 1] = M.quote("ACRN_LAUNCH_RUN_DIR=" .. M.run_dir)
  words[#words + 1] = M.quote("ACRN_DM=" .. M.stand_in)
  words[#words + 1] = M.quote("ACRN_DM_RECORD=" .. base .. ".record")
  for key, value in pairs(env or {}) do
    if value then
      words[#words + 1] = M.quote(key .. "=" .. value)
    end
  end
  words[#words + 1] = M.quote(M.launcher)
  for _, arg in ipairs(args) do
    words[#words + 1] = M.quote(arg)
  end
  os.execute("(" .. table.concat(words, " ") .. " >" .. base .. ".out 2" .. err
    .. " </dev/null & echo $! > " .. base .. ".pid; wait $!; echo $? > " .. base .. ".status)"
    .. " >/dev/null 2>&1 &")
  return base
end

-- Sleeps `seconds` (a fraction too) without a busy loop.
function M.sleep(seconds)
  os.execute("sleep " .. tostring(seconds))
end

-- Waits until `ready()` returns a true value (polling; `seconds` is only a
-- bound for a test that would otherwise hang) and returns it.
function M.wait_until(ready, seconds, what)
  for _ = 1, seconds * 20 do
    local value = ready()
    if value then
      return value
    end
    M.sleep(0.05)
  end
  error("never happened within " .. seconds .. " s: " .. (what or "?"))
end

-- The text of a file once it exists and is not empty.
function M.wait_file(path, seconds)
  return M.wait_until(function()
    local file = io.open(path)
    local text = file and file:read("a")
    if file then
      file:close()
    end
    return text ~= "" and text
  end, seconds or 20, path)
end

-- The whole text of a file, or nil.
function M.read(path)
  return slurp(path)
end

-- Splits a shell command line the way sh does (through a real sh).
function M.shell_words(line)
  local path = M.write("line.sh", 'eval "set -- $(cat "$1")"; printf "%s\\n" "$@"')
  local data = M.write("line.txt", line)
  local pipe = assert(io.popen("sh " .. M.quote(path) .. " " .. M.quote(data)))
  local text = pipe:read("a")
  pipe:close()
  return M.lines(text)
end

return M
