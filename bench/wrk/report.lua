-- Shared by every scenario script (loaded with dofile). Counts every non-2xx response per wrk thread and, when
-- the run ends, prints ONE line "BENCH_JSON {...}" with throughput, the latency distribution and the non-2xx
-- counts, which bench/lib/bench.py parses. Non-2xx responses are reported, never counted as throughput:
-- "ok_rps" counts 2xx answers only.

local threads = {}

-- Per-thread globals (each wrk thread has its own Lua state); done() reads them through thread:get.
non2xx = 0
statuses = {}
sample = nil
id = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- In done(): the sum of a per-thread global over every wrk thread.
function thread_sum(name)
  local n = 0
  for _, t in ipairs(threads) do n = n + (t:get(name) or 0) end
  return n
end

-- In done(): every wrk thread, to read per-thread tables with t:get.
function each_thread()
  return ipairs(threads)
end

-- In init(): this thread's share of a file of single-use values, one per line (line i goes to thread
-- i mod BENCH_THREADS), so no value is sent by two threads.
function thread_share(path)
  local n, i, share = tonumber(os.getenv("BENCH_THREADS") or "1"), 0, {}
  for line in io.lines(path) do
    if line ~= "" then
      if i % n == id then table.insert(share, line) end
      i = i + 1
    end
  end
  return share
end

function count(status, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    local key = tostring(status)
    statuses[key] = (statuses[key] or 0) + 1
    if sample == nil then
      sample = key .. " " .. string.sub(body or "", 1, 160)
    end
  end
end

response = function(status, headers, body)
  count(status, body)
end

local function quote(s)
  s = string.gsub(s, '[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" else return " " end
  end)
  return '"' .. s .. '"'
end

function report(summary, latency, extra)
  local bad, merged, first = 0, {}, nil
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    for k, v in pairs(t:get("statuses") or {}) do
      merged[k] = (merged[k] or 0) + v
    end
    first = first or t:get("sample")
  end
  local parts = {}
  for k, v in pairs(merged) do
    table.insert(parts, quote(k) .. ":" .. v)
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"seconds":%.3f,"rps":%.1f,"ok_rps":%.1f,"non2xx":%d,"statuses":{%s},' ..
    '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,"sample":%s%s}\n',
    summary.requests, seconds, summary.requests / seconds, (summary.requests - bad) / seconds, bad,
    table.concat(parts, ","), e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000, first and quote(first) or "null", extra or ""))
end

done = function(summary, latency, requests)
  report(summary, latency)
end

