-- Accepted by site.lua: the site's own "small" profile.
local acrn = require "acrn"

return acrn.profile("small", { name = "vm-small", image = "small.img" })
