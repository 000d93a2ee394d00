-- SPDX-License-Identifier: Apache-2.0
-- Command lines: one small parser for acrn-launch and each of its
-- subcommands, driven by tables that say every option, what it takes and
-- what it means; --help, the manual page and completion read the same
-- tables (acrn.cli holds them).
--
-- An option: { long = "--target", short = "-t", key = "target", value =
-- "REL" (nil for a flag), help = "…" }.  Words: "--long VALUE",
-- "--long=VALUE", "-s VALUE", "-s" for a flag; "--" ends the options.
local M = {}

-- Parses `words` against `options`: returns the values by key (flags are
-- true), the positional words, and how many of those came after "--" (nil
-- without "--"); or nil and a usage problem.  With `stop_at_positional`, the first
-- positional word and every word after it are positional (a recipe's own
-- arguments are not acrn-launch's).
function M.parse(words, options, stop_at_positional)
  local by_word = {}
  for _, option in ipairs(options) do
    for _, word in ipairs({ option.long, option.short }) do
      by_word[word] = option
    end
  end
  local values, positional = {}, {}
  local i = 1
  while i <= #words do
    local word = words[i]
    local name, glued = word:match("^(%-%-[^=]+)=(.*)$")
    name = name or word
    local option = by_word[name]
    if #positional > 0 and stop_at_positional then
      positional[#positional + 1] = word
    elseif word == "--" then
      for j = i + 1, #words do
        positional[#positional + 1] = words[j]
      end
      return values, positional, #words - i
    elseif option and option.value then
      local value = glued
      if value == nil then
        i = i + 1
        value = words[i]
      end
      if value == nil or value == "" then
        return nil, option.long .. " needs a value (" .. option.value .. ")"
      end
      values[option.key] = value
    elseif option and glued == nil then
      values[option.key] = true
    elseif option then
      return nil, option.long .. " takes no value"
    elseif word:sub(1, 1) == "-" and word ~= "-" then
      return nil, "unknown option " .. word
    else
      positional[#positional + 1] = word
    end
    i = i + 1
  end
  return values, positional, nil
end

-- The options as help lines: "  -n, --dry-run      print …".
function M.help_lines(options)
  local lines = {}
  for _, option in ipairs(options) do
    local words = (option.short and option.short .. ", " or "    ") .. (option.long or "")
    if option.value then
      words = words .. " " .. option.value
    end
    local text = "  " .. words
    local help = option.help or ""
    if #text >= 21 then
      lines[#lines + 1] = text
      text = string.rep(" ", 21)
    else
      text = text .. string.rep(" ", 21 - #text)
    end
    -- fold the help at 79 columns
    local line = text
    for word in help:gmatch("%S+") do
      if #line + #word + 1 > 79 and line:match("%S") then
        lines[#lines + 1] = line
        line = string.rep(" ", 21) .. word
      elseif line:match("^%s*$") then
        line = line .. word
      else
        line = line .. " " .. word
      end
    end
    lines[#lines + 1] = line
  end
  return lines
end

return M
