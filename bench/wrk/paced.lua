-- Runs the scenario script named by env BENCH_SCENARIO (a file in this directory) at a fixed pace: every connection
-- waits BENCH_DELAY_MS between its requests, so C connections hold about C * 1000 / (delay + latency) requests per
-- second whatever the server could take (wrk alone sends as fast as it can; wrk2 is not packaged by Debian).
local dir = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or ""
dofile(dir .. os.getenv("BENCH_SCENARIO"))

local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")

delay = function()
  return pause
end
