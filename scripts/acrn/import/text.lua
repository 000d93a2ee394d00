-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: finding acrn-dm's words in a file: a launch script's
-- "Launch device model with parameters: ..." log line (values an echo
-- split put back together), a launch script (acrn.import.script), or one
-- shell command.
local core = require "acrn.core"
local script = require "acrn.import.script"
local shell = require "acrn.import.shell"

core.internal()

local M = {}

-- Whether option word `word` takes a value a launch script's echo splits
-- at its spaces (the kernel command line, -G's numbers): asked of the core.
local function spaced(word)
  local events = core.scan_argv(nil, { word, "x" })
  local event = events and events[1]
  return event ~= nil and event.count == 2
    and (event.type == "bootargs" or (event.kind == "device_option" and event.type == "string"))
end

local MARKER = "Launch device model with parameters:"

-- Rejoins the values an echo split at spaces: each takes the words after
-- it up to the next option, short of the last word (the name).
local function regroup(words)
  local out, i = {}, 1
  while i <= #words do
    local word = words[i]
    out[#out + 1] = word
    if spaced(word) and words[i + 1] ~= nil then
      i = i + 1
      local value = { words[i] }
      while i + 1 < #words and words[i + 1]:sub(1, 1) ~= "-" do
        i = i + 1
        value[#value + 1] = words[i]
      end
      out[#out + 1] = table.concat(value, " ")
    end
    i = i + 1
  end
  return out
end

local function nothing() end

-- What a file's text says: { words (acrn-dm's, the program first when the
-- file names it), warnings, apply(description) (what the file says beyond
-- the words, applied to the description before it is checked) }, or nil
-- and why.
function M.words_from_text(text)
  text = text:gsub("\r\n", "\n")
  -- a log line: the marker with no expansion after it
  local at = text:find(MARKER, 1, true)
  while at do
    local stop = text:find("\n", at, true) or #text + 1
    local line = text:sub(at + #MARKER, stop - 1)
    if not line:find("$", 1, true) then
      local words = {}
      for word in line:gmatch("%S+") do
        words[#words + 1] = word
      end
      return { words = regroup(words), warnings = {}, apply = nothing }
    end
    at = text:find(MARKER, stop, true)
  end
  local found, why = script.read(text)
  if found then
    return found
  end
  -- one command with no acrn-dm word: acrn-dm's arguments alone
  local tree = shell.parse(text)
  if tree and #tree == 1 and tree[1].kind == "simple" then
    local read = script.read("acrn-dm " .. text)
    if read then
      table.remove(read.words, 1)
      table.remove(read.display, 1)
      return read
    end
  end
  return nil, why
end

return M
