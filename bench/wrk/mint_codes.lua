-- Mints authorization codes for the authorization_code scenario (not measured): GET the authorization endpoint
-- with signed-in browser sessions whose consent is remembered (Gatehouse) or whose SSO session needs no consent
-- (Keycloak), so every answer is a 302 to the redirect URI with a fresh code. Requests take the sessions' cookies in
-- turn. Each wrk thread collects its quota, writes the codes (as they appear in the Location query) to
-- BENCH_MINT_OUT.<thread id>, one per line, and stops; bench.py then interrupts wrk. Answers without a code are
-- counted; the first one is kept in BENCH_MINT_OUT.<thread id>.err, and a thread gives up after 100 of them.
-- env BENCH_COOKIES_FILE (one Cookie header value per line), BENCH_MINT_QUOTA (codes per thread), BENCH_MINT_OUT.
local cookies = {}
for line in io.lines(os.getenv("BENCH_COOKIES_FILE")) do
  if line ~= "" then cookies[#cookies + 1] = line end
end
local turn = 0

local quota = tonumber(os.getenv("BENCH_MINT_QUOTA"))
local out = os.getenv("BENCH_MINT_OUT")
local count = 0
codes = {}
failures = 0
finished = false
id = 0

local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  turn = id  -- the threads start on different sessions
end

request = function()
  turn = turn % #cookies + 1
  return wrk.format("GET", nil, {["Cookie"] = cookies[turn]})
end

local function finish()
  finished = true
  local part = out .. "." .. id .. ".part"
  local f = io.open(part, "w")
  f:write(table.concat(codes, "\n"), "\n")
  f:close()
  os.rename(part, out .. "." .. id)  -- bench.py waits for this name: the file is complete
  wrk.thread:stop()
end

response = function(status, headers, body)
  if finished then return end
  local location
  for k, v in pairs(headers) do
    if string.lower(k) == "location" then location = v end
  end
  local code = (status == 302 or status == 303) and location and string.match(location, "[?&]code=([^&#]+)")
  if code then
    count = count + 1
    codes[count] = code
    if count >= quota then finish() end
    return
  end
  failures = failures + 1
  if failures == 1 then
    local f = io.open(out .. "." .. id .. ".err", "w")
    f:write(status, " ", location or string.sub(body or "", 1, 300), "\n")
    f:close()
  end
  if failures >= 100 then finish() end
end
