-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: finding acrn-dm's words in a file: a launch script's
-- "Launch device model with parameters: ..." line (values an echo split
-- rejoined), or shell text split into commands of words.
local core = require "acrn.core"
local command_ = require "acrn.import.command"

core.internal()

local M = {}

local is_program = command_.is_program

-- Whether option word `word` takes a value a launch script's echo splits
-- at its spaces (the kernel command line, -G's numbers): asked of the core.
local function spaced(word)
  local events = core.scan_argv(nil, { word, "x" })
  local event = events and events[1]
  return event ~= nil and event.count == 2
    and (event.type == "bootargs" or (event.kind == "device_option" and event.type == "string"))
end

-- ---------------------------------------------------------------------------
-- Reading a command line from a file

-- Splits shell text into commands of words: quotes, backslashes,
-- continuation lines, comments, ; && || | and redirections.  Returns the
-- commands and warnings (unexpanded variables), or nil and why.
local function shell_commands(text)
  local commands, command, word = {}, {}, nil
  local warnings, i, n = {}, 1, #text
  local function finish_word()
    if word then
      command[#command + 1] = word
      word = nil
    end
  end
  local function finish_command()
    finish_word()
    if #command > 0 then
      commands[#commands + 1] = command
      command = {}
    end
  end
  local function expansion(at)
    local name = text:match("^%$[{(]?[%w_@*#?]*", at)
    warnings[#warnings + 1] = string.format("%s is a shell expansion: kept as written", name)
  end
  while i <= n do
    local c = text:sub(i, i)
    if c == "\\" then
      local nxt = text:sub(i + 1, i + 1)
      if nxt ~= "\n" then
        word = (word or "") .. nxt
      end
      i = i + 2
    elseif c == "'" then
      local close = text:find("'", i + 1, true)
      if not close then
        return nil, "an unterminated ' quote"
      end
      word = (word or "") .. text:sub(i + 1, close - 1)
      i = close + 1
    elseif c == '"' then
      word = word or ""
      i = i + 1
      while true do
        local d = text:sub(i, i)
        if d == "" then
          return nil, "an unterminated \" quote"
        elseif d == '"' then
          i = i + 1
          break
        elseif d == "\\" and text:sub(i + 1, i + 1):match('^[$`"\\\n]$') then
          if text:sub(i + 1, i + 1) ~= "\n" then
            word = word .. text:sub(i + 1, i + 1)
          end
          i = i + 2
        else
          if d == "$" or d == "`" then
            expansion(i)
          end
          word = word .. d
          i = i + 1
        end
      end
    elseif c == "\n" or c == ";" or c == "&" or c == "|" then
      finish_command()
      i = i + 1
    elseif c:match("%s") then
      finish_word()
      i = i + 1
    elseif c == "#" and word == nil then
      i = (text:find("\n", i, true) or n + 1)
    elseif c == ">" or c == "<" then
      if word and word:match("^%d+$") then
        word = nil
      end
      finish_word()
      local _, last = text:find("^[<>]+&?%s*", i)
      i = last + 1
      local _, target_end = text:find("^[^%s;&|]*", i)
      i = target_end + 1
    else
      if c == "$" or c == "`" then
        expansion(i)
      end
      word = (word or "") .. c
      i = i + 1
    end
  end
  finish_command()
  return commands, warnings
end

local MARKER = "Launch device model with parameters:"

-- Rejoins the values an echo split at spaces (-B, -G): each takes the words
-- after it up to the next option, short of the last word (the name).
local function regroup(words)
  local out, i = {}, 1
  while i <= #words do
    local word = words[i]
    out[#out + 1] = word
    if spaced(word) and words[i + 1] ~= nil then
      i = i + 1
      local value = words[i]
      while i + 1 < #words and words[i + 1]:sub(1, 1) ~= "-" do
        i = i + 1
        value = value .. " " .. words[i]
      end
      out[#out + 1] = value
    end
    i = i + 1
  end
  return out
end

-- What a file's text says: { words (acrn-dm's, the program first when the
-- file names it), warnings, apply(description) (adds what the file says
-- beyond the words) }, or nil and why.
function M.words_from_text(text)
  local function found(words, warnings)
    return { words = words, warnings = warnings, apply = function() end }
  end
  text = text:gsub("\r\n", "\n")
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    local at = line:find(MARKER, 1, true)
    if at and not line:find("$", at, true) then
      local words = {}
      for word in line:sub(at + #MARKER):gmatch("%S+") do
        words[#words + 1] = word
      end
      return found(regroup(words), {})
    end
  end
  local commands, warnings = shell_commands(text)
  if not commands then
    return nil, warnings
  end
  -- the command that gives acrn-dm the most arguments (not a test for it)
  local best
  for _, command_words in ipairs(commands) do
    for k, word in ipairs(command_words) do
      if is_program(word) and (not best or #command_words - k > #best - 1) then
        best = { table.unpack(command_words, k) }
      end
    end
  end
  if best then
    return found(best, warnings)
  end
  if #commands == 1 then
    return found(commands[1], warnings)
  end
  return nil, "no acrn-dm command line found (no acrn-dm word, and more than one command)"
end

return M
