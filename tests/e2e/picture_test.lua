-- SPDX-License-Identifier: Apache-2.0
-- doc/pipeline.svg is what graphviz makes of doc/pipeline.dot beside it,
-- and the README shows it.
local spec = require "spec"
local launcher = require "launcher"

spec.it("doc/pipeline.svg is regenerated from doc/pipeline.dot byte for byte", function()
  local pipe = assert(io.popen(launcher.plain .. "dot -Tsvg "
    .. launcher.quote(launcher.source .. "/doc/pipeline.dot") .. " 2>&1"))
  local made = pipe:read("a")
  spec.truthy(pipe:close(), "dot ran (apt-get install graphviz): " .. made)
  local kept = assert(io.open(launcher.source .. "/doc/pipeline.svg")):read("a")
  spec.eq(made, kept, "run dot -Tsvg doc/pipeline.dot > doc/pipeline.svg")
  for _, word in ipairs({ "recipe", "site policy", "plan", "host preparation", "exec acrn", "command line" }) do
    spec.truthy(kept:find(word, 1, true), "the picture shows " .. word)
  end
  local readme = assert(io.open(launcher.source .. "/README.md")):read("a")
  spec.truthy(readme:find("(doc/pipeline.svg)", 1, true), "the README shows it")
end)

spec.done()
