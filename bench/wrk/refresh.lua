-- Refresh-token rotation: every request spends a refresh token that has never been used, as a real client does
-- (a rotated token is single use on both systems). Each wrk thread starts from its share of a pre-issued pool
-- (env BENCH_POOL_FILE, one token per line) and queues the rotated token of every 200 answer for its next
-- request. When the run ends, the unspent tokens are written to BENCH_POOL_OUT so the next run can go on with
-- them (tokens in flight at the end are lost; bench.py tops the pool up).
-- env BENCH_STYLE: "gatehouse" (POST /refresh, JSON {"refresh_token"}) or "oauth" (POST token endpoint,
-- grant_type=refresh_token with client_secret_basic from BENCH_AUTH); BENCH_THREADS: wrk's -t.
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "") .. "report.lua")

local style = os.getenv("BENCH_STYLE") or "oauth"
local auth = os.getenv("BENCH_AUTH")
queue = {}
exhausted = 0

function init(args)
  queue = thread_share(os.getenv("BENCH_POOL_FILE"))
end

request = function()
  local token = table.remove(queue, 1)
  if token == nil then
    -- The pool ran dry: send a request that must fail, so the shortage shows up as non-2xx.
    exhausted = exhausted + 1
    token = "pool-exhausted"
  end
  if style == "gatehouse" then
    return wrk.format("POST", nil, {["Content-Type"] = "application/json"},
      '{"refresh_token":"' .. token .. '"}')
  end
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = auth}, "grant_type=refresh_token&refresh_token=" .. token)
end

response = function(status, headers, body)
  count(status, body)
  if status == 200 then
    local token = string.match(body, '"refresh_token"%s*:%s*"([^"]+)"')
    if token then table.insert(queue, token) end
  end
end

done = function(summary, latency, requests)
  local left = 0
  local out = io.open(os.getenv("BENCH_POOL_OUT"), "w")
  for _, t in each_thread() do
    for _, token in ipairs(t:get("queue") or {}) do
      out:write(token, "\n")
      left = left + 1
    end
  end
  out:close()
  report(summary, latency, string.format(',"pool_left":%d,"pool_exhausted":%d', left, thread_sum("exhausted")))
end
