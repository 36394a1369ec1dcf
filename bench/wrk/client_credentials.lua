-- client_credentials grant (RFC 6749 §4.4) with client_secret_basic, the same request for every call.
-- env BENCH_AUTH: the "Basic ..." header value.
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "") .. "report.lua")

wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
