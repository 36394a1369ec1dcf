-- Token introspection (RFC 7662 §2.1): the client introspects an access token issued to it.
-- env BENCH_AUTH: "Basic ..." of the introspecting client; BENCH_TOKEN: the token to introspect.
-- An {"active":false} answer is a 200 too, so it is counted separately and reported as "inactive".
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "") .. "report.lua")

wrk.method = "POST"
wrk.body = "token=" .. os.getenv("BENCH_TOKEN")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")

inactive = 0
response = function(status, headers, body)
  count(status, body)
  if status == 200 and not string.find(body, '"active"%s*:%s*true') then
    inactive = inactive + 1
  end
end

done = function(summary, latency, requests)
  report(summary, latency, string.format(',"inactive":%d', thread_sum("inactive")))
end
