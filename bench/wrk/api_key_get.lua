-- A third-party app calling GET /api/v1/nodes on a user's behalf with X-API-Key + X-User-ID (flow 5).
-- env BENCH_API_KEY, BENCH_USER_ID.
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "") .. "report.lua")

wrk.method = "GET"
wrk.headers["X-API-Key"] = os.getenv("BENCH_API_KEY")
wrk.headers["X-User-ID"] = os.getenv("BENCH_USER_ID")
wrk.headers["Accept"] = "application/json"
