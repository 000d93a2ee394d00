-- expect: refused
-- words: must return a VM | string
-- The recipe returns a string instead of a VM.
return "vm1"
