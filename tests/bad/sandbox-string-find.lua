-- expect: refused
-- site: sandbox.lua
-- words: recipe.lua: the recipe | ran past its 2 s of CPU time
-- M3: a pattern that backtracks for ever runs in C, where no instruction
-- hook sees it: the CPU limit of the sandbox's process ends it
return string.find(("a"):rep(3000), ("a-"):rep(12) .. "b")
