-- Authorization-code redemption (RFC 6749 §4.1.3): POST the token endpoint with grant_type=authorization_code, the
-- code, redirect_uri and the PKCE code_verifier (RFC 7636 §4.5), client_secret_basic. Codes are single use: each
-- wrk thread takes its share of the codes minted before the run (env BENCH_CODES_FILE, one per line: line i goes
-- to thread i mod BENCH_THREADS) and sends each exactly once. A thread that runs out stops at once and sends
-- nothing more (no code is ever sent twice); done() reports how many threads ran out, and bench.py flags the run.
-- env BENCH_AUTH ("Basic ..."), BENCH_BODY_PREFIX (the form up to "&code="), BENCH_THREADS.
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "") .. "report.lua")

local prefix = os.getenv("BENCH_BODY_PREFIX")
local headers = {["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = os.getenv("BENCH_AUTH")}
codes = {}
total = 0
used = 0
exhausted = 0

function init(args)
  codes = thread_share(os.getenv("BENCH_CODES_FILE"))
  total = #codes
end

request = function()
  if used >= total then
    exhausted = 1
    wrk.thread:stop()
    return ""  -- an empty write: nothing reaches the server
  end
  used = used + 1
  return wrk.format("POST", nil, headers, prefix .. codes[used])
end

done = function(summary, latency, requests)
  local sent = thread_sum("used")
  report(summary, latency, string.format(',"codes_sent":%d,"codes_left":%d,"codes_ran_out_threads":%d',
    sent, thread_sum("total") - sent, thread_sum("exhausted")))
end
