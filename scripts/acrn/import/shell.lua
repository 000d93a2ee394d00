-- SPDX-License-Identifier: Apache-2.0
-- acrn-launch import: reading a shell script, never running it.  parse(text)
-- turns the text into a tree of commands: simple commands (words with their
-- quoted and expanded parts, redirections), assignments and arrays, function
-- definitions, if, for, while, case, groups.  Time grows linearly with the
-- text: literal runs are taken with string.find, words are built in tables.
local M = {}

-- ---------------------------------------------------------------------------
-- Words

-- A word is a list of parts: { kind = "literal", text, quoted },
-- { kind = "parameter", text (inside ${…} or the name), quoted },
-- { kind = "command", text (inside $(…) or `…`), quoted },
-- { kind = "arithmetic", text (inside $((…))), quoted }.

local Lexer = {}
Lexer.__index = Lexer

local function lexer(text)
  return setmetatable({ text = text, at = 1, line = 1, tokens = {}, heredocs = {} }, Lexer)
end

function Lexer:fail(why)
  error({ shell = string.format("line %d: %s", self.line, why) }, 0)
end

-- The index just past the `close` that balances `open` at `from` (which is
-- just after the opening), skipping quoted text; fails when there is none.
function Lexer:balanced(from, open, close)
  local text, depth, at = self.text, 1, from
  local pattern = "[" .. "%" .. open .. "%" .. close .. "'\"\\`\n]"
  while true do
    local i = text:find(pattern, at)
    if not i then
      self:fail("an unclosed " .. open)
    end
    local c = text:sub(i, i)
    if c == "\n" then
      self.line = self.line + 1
      at = i + 1
    elseif c == "\\" then
      at = i + 2
    elseif c == "'" and open == "{" then
      at = i + 1 -- ${x#'y'} aside, a quote in ${…} is taken as it stands
    elseif c == "'" then
      local j = text:find("'", i + 1, true)
      if not j then
        self:fail("an unterminated ' quote")
      end
      at = j + 1
    elseif c == "\"" or c == "`" then
      local j = i + 1
      while true do
        local k = text:find("[\\" .. c .. "]", j)
        if not k then
          self:fail("an unterminated " .. c .. " quote")
        end
        if text:sub(k, k) == "\\" then
          j = k + 2
        else
          j = k + 1
          break
        end
      end
      at = j
    elseif c == open then
      depth = depth + 1
      at = i + 1
    else
      depth = depth - 1
      at = i + 1
      if depth == 0 then
        return i + 1
      end
    end
  end
end

-- Reads what follows a '$' at self.at (just after it) into a part.
function Lexer:dollar(quoted)
  local text, at = self.text, self.at
  local c = text:sub(at, at)
  if text:sub(at, at + 1) == "((" then
    local stop = self:balanced(at + 2, "(", ")")
    if text:sub(stop, stop) ~= ")" then
      self:fail("an unclosed $((")
    end
    self.at = stop + 1
    return { kind = "arithmetic", text = text:sub(at + 2, stop - 2), quoted = quoted }
  elseif c == "(" then
    local stop = self:balanced(at + 1, "(", ")")
    self.at = stop
    return { kind = "command", text = text:sub(at + 1, stop - 2), quoted = quoted }
  elseif c == "{" then
    local stop = self:balanced(at + 1, "{", "}")
    self.at = stop
    return { kind = "parameter", text = text:sub(at + 1, stop - 2), quoted = quoted }
  end
  local name = text:match("^[%a_][%w_]*", at) or text:match("^[%d@*#?$!-]", at)
  if not name then
    return { kind = "literal", text = "$", quoted = quoted }
  end
  self.at = at + #name
  return { kind = "parameter", text = name, quoted = quoted }
end

-- Reads a backquoted command at self.at (just after the `).
function Lexer:backquote(quoted)
  local text, at, pieces = self.text, self.at, {}
  while true do
    local k = text:find("[\\`\n]", at)
    if not k then
      self:fail("an unterminated ` quote")
    end
    local c = text:sub(k, k)
    pieces[#pieces + 1] = text:sub(at, k - 1)
    if c == "`" then
      self.at = k + 1
      return { kind = "command", text = table.concat(pieces), quoted = quoted }
    elseif c == "\n" then
      self.line = self.line + 1
      pieces[#pieces + 1] = "\n"
      at = k + 1
    else
      pieces[#pieces + 1] = text:sub(k + 1, k + 1)
      at = k + 2
    end
  end
end

local OPERATORS = { "&&", "||", ";;", ";", "&", "|", "(", ")" }

-- Reads one word at self.at (unquoted text not at a separator); returns
-- its parts and raw text.
function Lexer:word()
  local text, start, parts = self.text, self.at, {}
  local function literal(piece, quoted)
    if piece ~= "" then
      parts[#parts + 1] = { kind = "literal", text = piece, quoted = quoted }
    end
  end
  while self.at <= #text do
    local at = self.at
    local stop = text:find("[%s;&|()<>'\"\\`$]", at)
    if stop ~= at then
      literal(text:sub(at, (stop or #text + 1) - 1), false)
      self.at = stop or #text + 1
      at = self.at
    end
    if at > #text then
      break
    end
    local c = text:sub(at, at)
    if c:match("[%s;&|()<>]") then
      break
    elseif c == "'" then
      local close = text:find("'", at + 1, true)
      if not close then
        self:fail("an unterminated ' quote")
      end
      local piece = text:sub(at + 1, close - 1)
      for _ in piece:gmatch("\n") do
        self.line = self.line + 1
      end
      parts[#parts + 1] = { kind = "literal", text = piece, quoted = true }
      self.at = close + 1
    elseif c == "\\" then
      local nxt = text:sub(at + 1, at + 1)
      if nxt == "\n" then
        self.line = self.line + 1
      else
        literal(nxt, true)
      end
      self.at = at + 2
    elseif c == "$" then
      self.at = at + 1
      parts[#parts + 1] = self:dollar(false)
    elseif c == "`" then
      self.at = at + 1
      parts[#parts + 1] = self:backquote(false)
    else -- a double-quoted run
      self.at = at + 1
      parts[#parts + 1] = { kind = "literal", text = "", quoted = true }
      while true do
        local k = text:find("[\"\\$`\n]", self.at)
        if not k then
          self:fail("an unterminated \" quote")
        end
        literal(text:sub(self.at, k - 1), true)
        local d = text:sub(k, k)
        self.at = k + 1
        if d == "\"" then
          break
        elseif d == "\n" then
          self.line = self.line + 1
          literal("\n", true)
        elseif d == "\\" then
          local nxt = text:sub(k + 1, k + 1)
          self.at = k + 2
          if nxt == "\n" then
            self.line = self.line + 1
          elseif nxt:match("[$`\"\\]") then
            literal(nxt, true)
          else
            literal("\\" .. nxt, true)
          end
        elseif d == "$" then
          parts[#parts + 1] = self:dollar(true)
        else
          parts[#parts + 1] = self:backquote(true)
        end
      end
    end
  end
  return parts, text:sub(start, self.at - 1)
end

-- The literal text of a word made of unquoted literals only, else nil.
local function plain(parts)
  local pieces = {}
  for i, part in ipairs(parts) do
    if part.kind ~= "literal" or part.quoted then
      return nil
    end
    pieces[i] = part.text
  end
  return table.concat(pieces)
end
M.plain = plain

-- ---------------------------------------------------------------------------
-- Patterns

-- Bash's glob patterns (*, ?, literal text) as a Lua pattern, anchored as asked.
function M.glob_pattern(glob)
  local pieces = {}
  for i = 1, #glob do
    local c = glob:sub(i, i)
    if c == "*" then
      pieces[#pieces + 1] = ".-"
    elseif c == "?" then
      pieces[#pieces + 1] = "."
    else
      pieces[#pieces + 1] = c:gsub("%W", "%%%0")
    end
  end
  return table.concat(pieces)
end

-- `value` without the part at its start (${v#p}, longest: ${v##p}) or,
-- `from_end`, at its end (${v%p}, ${v%%p}) that glob `pattern` matches.
function M.remove_match(value, pattern, longest, from_end)
  local matcher = "^" .. M.glob_pattern(pattern) .. "$"
  local best
  for n = 0, #value do -- the length of the part, shortest first
    local part = from_end and value:sub(#value - n + 1) or value:sub(1, n)
    if part:match(matcher) then
      best = n
      if not longest then
        break
      end
    end
  end
  if not best then
    return value
  end
  return from_end and value:sub(1, #value - best) or value:sub(best + 1)
end

function Lexer:push(token)
  token.line = token.line or self.line
  self.tokens[#self.tokens + 1] = token
end

-- Skips the bodies of the here-documents of the line that just ended.
function Lexer:heredoc_bodies()
  local text = self.text
  for _, delimiter in ipairs(self.heredocs) do
    while self.at <= #text do
      local stop = text:find("\n", self.at, true) or #text + 1
      local line = text:sub(self.at, stop - 1)
      self.at = stop + 1
      self.line = self.line + 1
      if line:gsub("^\t+", "") == delimiter then
        break
      end
    end
  end
  self.heredocs = {}
end

function Lexer:run()
  local text = self.text
  while true do
    local at = text:find("[^ \t]", self.at)
    if not at then
      break
    end
    self.at = at
    local c = text:sub(at, at)
    if c == "\n" then
      self:push({ type = "op", op = "\n" })
      self.line = self.line + 1
      self.at = at + 1
      if #self.heredocs > 0 then
        self:heredoc_bodies()
      end
    elseif c == "#" then
      self.at = text:find("\n", at, true) or #text + 1
    elseif c == "\\" and text:sub(at + 1, at + 1) == "\n" then
      self.line = self.line + 1
      self.at = at + 2
    elseif c:match("[<>]") or (c:match("%d") and text:match("^%d+[<>]", at)) then
      local op = text:match("^%d*[<>]+[&|-]?", at)
      self.at = at + #op
      local word_at = text:find("[^ \t]", self.at)
      self.at = word_at or #text + 1
      if op:match("^%d*>&$") or op:match("^%d*<&$") then
        local fd = text:match("^[%d-]+", self.at) or ""
        self.at = self.at + #fd
        self:push({ type = "redirect", op = op, target = { { kind = "literal", text = fd } } })
      elseif op:match("<<") then
        local parts, raw = self:word()
        local delimiter = raw:gsub("['\"]", "")
        self.heredocs[#self.heredocs + 1] = delimiter
        self:push({ type = "redirect", op = op, target = parts })
      else
        local parts = self:word()
        self:push({ type = "redirect", op = op, target = parts })
      end
    else
      local op
      for _, candidate in ipairs(OPERATORS) do
        if text:sub(at, at + #candidate - 1) == candidate then
          op = candidate
          break
        end
      end
      if op then
        self:push({ type = "op", op = op })
        self.at = at + #op
      else
        local line = self.line
        local parts, raw = self:word()
        -- name=( … ): an array, where a command or an assignment may start
        local before = self.tokens[#self.tokens]
        local at_start = not before or before.type == "op"
          or (before.type == "word" and (before.raw:match("^[%a_][%w_]*%+?=")
            or ({ ["local"] = true, declare = true, export = true, readonly = true,
              typeset = true })[before.raw] or before.raw:match("^%-%a+$")))
        if at_start and text:sub(self.at, self.at) == "(" and raw:match("^[%a_][%w_]*%+?=$") then
          self.at = self.at + 1
          local items = {}
          while true do
            local next_at = text:find("[^%s]", self.at)
            if not next_at then
              self:fail("an unclosed array")
            end
            for _ in text:sub(self.at, next_at - 1):gmatch("\n") do
              self.line = self.line + 1
            end
            self.at = next_at
            local d = text:sub(next_at, next_at)
            if d == ")" then
              self.at = next_at + 1
              break
            elseif d == "#" then
              self.at = text:find("\n", next_at, true) or #text + 1
            else
              local item_parts = self:word()
              if #item_parts == 0 then
                self:fail("an unexpected " .. d .. " in an array")
              end
              items[#items + 1] = item_parts
            end
          end
          self:push({ type = "word", parts = parts, raw = raw, array = items, line = line })
        else
          self:push({ type = "word", parts = parts, raw = raw, line = line })
        end
      end
    end
  end
  self:push({ type = "op", op = "\n" })
  return self.tokens
end

-- ---------------------------------------------------------------------------
-- Commands

local Parser = {}
Parser.__index = Parser

local SEPARATORS = { ["\n"] = true, [";"] = true, ["&"] = true, ["&&"] = true,
  ["||"] = true, ["|"] = true }

function Parser:peek()
  return self.tokens[self.at]
end

-- The token's plain word, when it is one.
local function keyword(token)
  return token and token.type == "word" and not token.array and plain(token.parts)
end

function Parser:skip_separators()
  while self:peek() and self:peek().type == "op" and SEPARATORS[self:peek().op] do
    self.at = self.at + 1
  end
end

function Parser:expect(word)
  self:skip_separators()
  if keyword(self:peek()) ~= word then
    local token = self:peek()
    error({ shell = string.format("line %d: %s expected", token and token.line or 0, word) }, 0)
  end
  self.at = self.at + 1
end

-- Commands until one of `stops` (keywords, or ops) at a command's start.
function Parser:list(stops)
  local commands = {}
  while true do
    self:skip_separators()
    local token = self:peek()
    if not token then
      break
    end
    local word = keyword(token)
    if (word and stops[word]) or (token.type == "op" and stops[token.op]) then
      break
    end
    local command = self:command(stops)
    if command then
      commands[#commands + 1] = command
    end
  end
  return commands
end

function Parser:command(stops)
  local token = self:peek()
  local word = keyword(token)
  local line = token.line
  if word == "if" then
    self.at = self.at + 1
    local node = { kind = "if", branches = {}, line = line }
    local cond = self:list({ ["then"] = true })
    self:expect("then")
    local body = self:list({ ["elif"] = true, ["else"] = true, ["fi"] = true })
    node.branches[1] = { cond = cond, body = body }
    while keyword(self:peek()) == "elif" do
      self.at = self.at + 1
      cond = self:list({ ["then"] = true })
      self:expect("then")
      body = self:list({ ["elif"] = true, ["else"] = true, ["fi"] = true })
      node.branches[#node.branches + 1] = { cond = cond, body = body }
    end
    if keyword(self:peek()) == "else" then
      self.at = self.at + 1
      node.otherwise = self:list({ ["fi"] = true })
    end
    self:expect("fi")
    return node
  elseif word == "for" then
    self.at = self.at + 1
    local node = { kind = "for", line = line, items = {} }
    if self:peek() and self:peek().type == "op" and self:peek().op == "(" then
      -- for (( … )): read as a loop over nothing known
      while self:peek() and not (self:peek().type == "op" and self:peek().op == ")"
        and self.tokens[self.at + 1] and self.tokens[self.at + 1].op == ")") do
        self.at = self.at + 1
      end
      self.at = self.at + 2
      node.arithmetic = true
    else
      node.name = keyword(self:peek())
      self.at = self.at + 1
      if keyword(self:peek()) == "in" then
        self.at = self.at + 1
        while self:peek() and self:peek().type == "word" do
          node.items[#node.items + 1] = self:peek().parts
          self.at = self.at + 1
        end
      end
    end
    self:expect("do")
    node.body = self:list({ ["done"] = true })
    self:expect("done")
    return node
  elseif word == "while" or word == "until" then
    self.at = self.at + 1
    local cond = self:list({ ["do"] = true })
    self:expect("do")
    local body = self:list({ ["done"] = true })
    self:expect("done")
    return { kind = "while", cond = cond, body = body, line = line }
  elseif word == "case" then
    self.at = self.at + 1
    local node = { kind = "case", subject = self:peek().parts, items = {}, line = line }
    self.at = self.at + 1
    self:expect("in")
    while true do
      self:skip_separators()
      local item = self:peek()
      if not item or keyword(item) == "esac" then
        break
      end
      local patterns = {}
      while self:peek() and not (self:peek().type == "op" and self:peek().op == ")") do
        if self:peek().type == "word" then
          patterns[#patterns + 1] = self:peek().parts
        end
        self.at = self.at + 1
      end
      self.at = self.at + 1
      local body = self:list({ [";;"] = true, ["esac"] = true })
      if self:peek() and self:peek().type == "op" and self:peek().op == ";;" then
        self.at = self.at + 1
      end
      node.items[#node.items + 1] = { patterns = patterns, body = body }
    end
    self:expect("esac")
    return node
  elseif word == "{" then
    self.at = self.at + 1
    local body = self:list({ ["}"] = true })
    self:expect("}")
    return { kind = "group", body = body, line = line }
  elseif token.type == "op" and token.op == "(" then
    self.at = self.at + 1
    local body = self:list({ [")"] = true })
    if self:peek() and self:peek().op == ")" then
      self.at = self.at + 1
    end
    return { kind = "group", body = body, line = line }
  elseif token.type == "op" then
    -- a stray operator (")" of a case without its case): skipped
    self.at = self.at + 1
    return nil
  end
  -- a function: name() { … }, function name [()] { … }
  local name
  if word == "function" and keyword(self.tokens[self.at + 1]) then
    name = keyword(self.tokens[self.at + 1])
    self.at = self.at + 2
  elseif word and word:match("^[%a_][%w_.-]*$") and self.tokens[self.at + 1]
    and self.tokens[self.at + 1].op == "(" and self.tokens[self.at + 2]
    and self.tokens[self.at + 2].op == ")" then
    name = word
    self.at = self.at + 1
  end
  if name then
    if self:peek() and self:peek().op == "(" then
      self.at = self.at + 2
    end
    self:skip_separators()
    local body
    if keyword(self:peek()) == "{" then
      self.at = self.at + 1
      body = self:list({ ["}"] = true })
      self:expect("}")
    else
      body = { self:command(stops) }
    end
    return { kind = "function", name = name, body = body, line = line }
  end
  -- a simple command; in [[ … ]] operators are words up to ]]
  local node = { kind = "simple", words = {}, redirects = {}, line = line }
  local in_test = word == "[["
  while true do
    token = self:peek()
    if not token or (token.type == "op" and (not in_test or token.op == "\n")) then
      break
    end
    self.at = self.at + 1
    if token.type == "redirect" then
      node.redirects[#node.redirects + 1] = token
    elseif token.type == "op" then
      node.words[#node.words + 1] = { parts = { { kind = "literal", text = token.op } } }
    else
      node.words[#node.words + 1] = token
      if in_test and keyword(token) == "]]" then
        break
      end
    end
  end
  return node
end

-- The tree of a script's text: a list of commands, or nil and why.
function M.parse(text)
  local ok, tree = pcall(function()
    local tokens = lexer(text):run()
    local parser = setmetatable({ tokens = tokens, at = 1 }, Parser)
    local commands = parser:list({})
    return commands
  end)
  if ok then
    return tree
  end
  if type(tree) == "table" and tree.shell then
    return nil, tree.shell
  end
  error(tree, 0)
end

return M
