-- expect: refused
-- words: nil
-- The recipe raises nil: refused, without a crash.
error(nil)
