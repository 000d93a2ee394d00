-- A site that runs every recipe in the sandbox, with a tight budget.
return {
  sandbox = true,
  limits = { instructions = 2000000, memory = 8388608, cpu_seconds = 2 },
}
