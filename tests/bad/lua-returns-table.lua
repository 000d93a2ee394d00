-- expect: refused
-- words: must return a VM | table
-- The recipe returns a table that looks like a VM but was not made by acrn.vm.
return { name = "vm1", devices = {} }
