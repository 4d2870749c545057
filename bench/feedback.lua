-- bench/feedback.lua: wrk posts "Was this page helpful?" answers and counts
-- the acknowledged (2xx) and refused ones over every thread.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  acked, refused, n = 0, 0, 0
end

function request()
  n = n + 1
  local body = string.format('{"port":%d,"answer":"%s","comment":"wrk %d-%d"}',
    (id * 7919 + n) % 65536, n % 3 == 0 and "no" or "yes", id, n)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then acked = acked + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acked")
    r = r + t:get("refused")
  end
  io.write(string.format("acked %d refused %d errors %d seconds %.3f\n", a, r,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.duration / 1e6))
end
