-- wrk script for the load benchmark: a method, a body, and requests in rotation, each a path and an
-- optional bearer token; prints a machine-readable summary (latency percentiles, socket errors,
-- non-2xx answers, answers without the expected text, the first wrong answer) on one line.
-- Arguments after "--": METHOD BODY REQUESTS EXPECT, where REQUESTS is "path|token,path|token,..."
-- ("-" for no body, or for no token) and EXPECT a text every answer's body must contain ("-": any).

local threads = {}
local requests = {}
local next_request = 1
local expect = nil
non2xx = 0
wrong_body = 0
first_bad = ""

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  if args[1] ~= "-" then wrk.method = args[1] end
  local body = nil
  if args[2] ~= "-" then body = args[2] end
  for entry in string.gmatch(args[3], "[^,]+") do
    local path, token = string.match(entry, "^([^|]+)|(.+)$")
    local headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    if token ~= "-" then headers["Authorization"] = "Bearer " .. token end
    if body then headers["Content-Type"] = "application/json" end
    table.insert(requests, wrk.format(nil, path, headers, body))
  end
  if args[4] and args[4] ~= "-" then expect = args[4] end
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end

local function remember(status, body)
  if first_bad == "" then
    first_bad = status .. " " .. string.sub(string.gsub(body or "", '[%c"\\]', " "), 1, 160)
  end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    remember(status, body)
  elseif expect and not string.find(body or "", expect, 1, true) then
    wrong_body = wrong_body + 1
    remember(status, body)
  end
end

function done(summary, latency, requests)
  local bad, wrong, first = 0, 0, ""
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    wrong = wrong + thread:get("wrong_body")
    if first == "" then first = thread:get("first_bad") end
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_SUMMARY {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"socket_errors": %d, "timeouts": %d, "non2xx": %d, "wrong_body": %d, "first_bad": "%s"}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write, e.timeout, bad, wrong, first))
end
