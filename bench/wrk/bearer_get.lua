-- A bearer-protected GET (RFC 6750 §2.1): userinfo, /api/v1/nodes or verify_credentials, one token throughout.
-- env BENCH_TOKEN: the access token.
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "") .. "report.lua")

wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"
