-- wrk script for the load benchmark: an optional method, body and rotation of paths, and a
-- machine-readable summary (latency percentiles, socket errors, non-2xx answers) on one line.
-- Arguments after "--": METHOD BODY PATHS (PATHS comma-separated; "-" for none).

local threads = {}
local paths = {}
local next_path = 1
local cached = nil
non2xx = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  if args[1] and args[1] ~= "-" then wrk.method = args[1] end
  if args[2] and args[2] ~= "-" then
    wrk.body = args[2]
    wrk.headers["Content-Type"] = "application/json"
  end
  if args[3] and args[3] ~= "-" then
    for p in string.gmatch(args[3], "[^,]+") do table.insert(paths, p) end
  end
  if #paths == 0 then cached = wrk.format() end
end

function request()
  if cached then return cached end
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format(nil, path)
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  local e = summary.errors
  io.write(string.format(
    'WRK_SUMMARY {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"socket_errors": %d, "timeouts": %d, "non2xx": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write, e.timeout, bad))
end
